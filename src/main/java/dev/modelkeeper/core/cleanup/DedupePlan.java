package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.task.Message;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Dedupe} would do: blob files whose payload another cache root on the same filesystem already
 * holds, each to become a hard link of that one; and the duplicates it leaves alone, with why.
 *
 * @param links    one per duplicate file to replace by a hard link of {@code keep}
 * @param skipped  duplicates left as they are (another filesystem, in use), one sentence each
 * @param leftover temporary links a killed earlier run left in a blobs folder (extra names of a blob, removed first)
 */
public record DedupePlan(List<Link> links, List<Skip> skipped, List<Path> leftover) {

    /** Replace {@code duplicate} by a hard link of {@code keep}; both are blobs named {@code etag}. */
    public record Link(Path keep, Path duplicate, String etag, long size) {
    }

    /** Why a duplicate is left alone. */
    public enum Reason { OTHER_FILESYSTEM, IN_USE, CORRUPT, BUSY }

    /** A duplicate left alone, with the sentence saying why. */
    public record Skip(Path path, Reason reason, Message message) {
    }

    public DedupePlan {
        links = List.copyOf(links);
        skipped = List.copyOf(skipped);
        leftover = List.copyOf(leftover);
    }

    /** The bytes the links free once the duplicates are gone (each duplicate's size). */
    public long bytesSaved() {
        return links.stream().mapToLong(Link::size).sum();
    }

    public boolean isEmpty() {
        return links.isEmpty() && leftover.isEmpty();
    }
}
