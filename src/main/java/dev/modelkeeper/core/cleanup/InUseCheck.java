package dev.modelkeeper.core.cleanup;

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

    /** The program holding {@code path} open, as "name (pid N)", or empty when none is known to. */
    Optional<String> user(Path path);
}
