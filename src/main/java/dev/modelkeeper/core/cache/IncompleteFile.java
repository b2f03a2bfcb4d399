package dev.modelkeeper.core.cache;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A partial download ({@code blobs/*.incomplete}, torch {@code *.partial}, ModelScope temp file).
 *
 * @param path         absolute path
 * @param size         bytes written so far
 * @param lastModified when it was last written
 * @param lockHeld     true when a process holds the matching {@code .locks/...} flock right now
 */
public record IncompleteFile(Path path, long size, Instant lastModified, boolean lockHeld) {
}
