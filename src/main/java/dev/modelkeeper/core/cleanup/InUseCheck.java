package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.fs.OpenFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a running program has a file open (a server that memory-mapped the weights). Deleting such a file
 * frees nothing until the program exits, and a Trash move would break it; the plan refuses the repo instead.
 */
@FunctionalInterface
public interface InUseCheck {

    /** Knows of no program: every file is free to go. */
    InUseCheck NONE = path -> Optional.empty();

    /** The program holding {@code path} open, as "name (PID N)", or empty when none is known to. */
    Optional<String> user(Path path);

    /**
     * The processes of one {@code /proc} pass ({@link OpenFiles#snapshot()}): a file is in use when a process has it
     * open or mapped (through a link: its target, the blob), a folder when anything under it is.
     */
    static InUseCheck of(OpenFiles open) {
        return path -> (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? open.firstHolder(path)
                : open.holders(path).stream().findFirst()).map(OpenFiles.Holder::toString);
    }
}
