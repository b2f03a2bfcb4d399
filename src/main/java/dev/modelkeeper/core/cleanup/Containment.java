package dev.modelkeeper.core.cleanup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The guard before every removal: the path must lie strictly inside the cache root, by its name and by where
 * its folder really is (a folder replaced by a link to elsewhere is not followed out of the cache).
 */
final class Containment {

    private Containment() {
    }

    static void check(Path root, Path path) throws IOException {
        Path normalRoot = root.toAbsolutePath().normalize();
        Path normal = path.toAbsolutePath().normalize();
        if (!normal.startsWith(normalRoot) || normal.equals(normalRoot) || !normal.equals(path.toAbsolutePath())) {
            throw new IOException(CleanupMessages.of("cleanup.outside", path, root).toString());
        }
        Path realRoot = normalRoot.toRealPath();
        Path parent = normal.getParent().toRealPath();
        if (!parent.startsWith(realRoot)) {
            throw new IOException(CleanupMessages.of("cleanup.outside", path, root).toString());
        }
    }
}
