package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cleanup.Disposal;
import dev.modelkeeper.core.cleanup.Trash;
import dev.modelkeeper.core.env.Environment;
import java.io.IOException;
import java.util.Optional;

/**
 * The window's "Move to the trash": core's {@link Disposal.ToTrash}, without falling back to a permanent
 * deletion: a file on a filesystem without a trash stays (the user chose to be able to restore it), and the
 * cleanup's result says why.
 */
public final class TrashDisposal {

    private TrashDisposal() {
    }

    /** The trash of this process's user: freedesktop on Linux, the platform's elsewhere; empty where there is none. */
    public static Optional<Disposal> forCurrentUser(Environment env) {
        try {
            return Optional.of(new Disposal.ToTrash(Trash.forCurrentUser(env), false));
        } catch (IOException | RuntimeException none) {
            return Disposal.DesktopTrash.available(); // macOS, Windows: the platform's own trash
        }
    }
}
