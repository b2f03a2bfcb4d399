package dev.modelkeeper.core.migrate;

import java.nio.file.Path;

/**
 * What to move where.
 *
 * @param source      a cache root (HF_HOME, a hub cache, a torch hub, an app's model folder) or one repo folder
 * @param destination the folder the cache will live in; must not exist yet, or be empty
 * @param link        leave a symlink at the source path pointing to the destination
 * @param forceCopy   copy and verify even on the same filesystem (tests; a rename is used otherwise)
 */
public record MigrationRequest(Path source, Path destination, boolean link, boolean forceCopy) {

    public MigrationRequest {
        source = source.toAbsolutePath().normalize();
        destination = destination.toAbsolutePath().normalize();
    }
}
