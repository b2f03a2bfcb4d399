package dev.modelkeeper.core.cache;

import java.nio.file.Path;

/** Answers whether another process holds a lock file right now (flock on Linux and macOS). */
@FunctionalInterface
public interface LockProbe {

    /** A probe that never sees a holder, for tests and platforms without locks. */
    LockProbe NONE = lockFile -> false;

    boolean isHeld(Path lockFile);
}
