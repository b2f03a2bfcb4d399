package dev.modelkeeper.ui.migrate;

import java.nio.file.Path;

/**
 * A place a cache can be dragged to: a mounted filesystem (or a folder) with its free space.
 *
 * @param folder the folder the cache moves into (it arrives as {@code folder/<its name>})
 * @param type   filesystem type, for the label
 * @param free   usable bytes there
 */
public record MoveTarget(Path folder, String type, long free) {
}
