package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cleanup.Disposal;
import dev.modelkeeper.core.cleanup.Trash;
import dev.modelkeeper.core.env.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The desktop's trash as a {@link Disposal}: a file on a filesystem without a trash is not deleted instead
 * (the user chose to be able to restore it), it stays and the cleanup's result says why.
 */
public final class TrashDisposal implements Disposal {

    private final Trash trash;

    private TrashDisposal(Trash trash) {
        this.trash = trash;
    }

    /** The trash of this process's user, or empty where there is none (not Linux, no {@code /proc}). */
    public static Optional<Disposal> forCurrentUser(Environment env) {
        try {
            return Optional.of(new TrashDisposal(Trash.forCurrentUser(env)));
        } catch (IOException | RuntimeException none) {
            return Optional.empty();
        }
    }

    @Override
    public void dispose(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            trash.moveToTrash(path);
        } catch (Trash.NoTrashHereException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
