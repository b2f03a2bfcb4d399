package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.task.Message;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Dedupe} would do: blob files whose payload another cache root on the same filesystem already
 * holds, each to become a hard link of that one; copy-mode snapshot files whose payload their repo's blobs
 * folder already holds, each to become the usual symlink to that blob; and the copies it leaves alone, with why.
 *
 * @param links    one per duplicate file to replace by a hard link of {@code keep}
 * @param relinks  one per copy-mode snapshot file to replace by a relative symlink to its blob
 * @param skipped  copies left as they are (another filesystem, in use, no blob, no symlinks), one sentence each
 * @param leftover temporary links a killed earlier run left in a blobs or snapshot folder (extra names of a blob,
 *                 removed first)
 */
public record DedupePlan(List<Link> links, List<Relink> relinks, List<Skip> skipped, List<Path> leftover) {

    /** Replace {@code duplicate} by a hard link of {@code keep}; both are blobs named {@code etag}. */
    public record Link(Path keep, Path duplicate, String etag, long size) {
    }

    /**
     * Replace the copy-mode snapshot file {@code file} by the symlink {@code ../../blobs/<etag>} (one more
     * {@code ../} per sub-folder); {@code blob} is that blob, the same size, and the run checks both hash to
     * {@code etag} first.
     */
    public record Relink(Path file, Path blob, String etag, long size) {
    }

    /** Why a duplicate or copy-mode file is left alone. */
    public enum Reason { OTHER_FILESYSTEM, IN_USE, CORRUPT, BUSY, NO_BLOB, DIFFERENT, NO_SYMLINKS }

    /** A duplicate left alone, with the sentence saying why. */
    public record Skip(Path path, Reason reason, Message message) {
    }

    public DedupePlan {
        links = List.copyOf(links);
        relinks = List.copyOf(relinks);
        skipped = List.copyOf(skipped);
        leftover = List.copyOf(leftover);
    }

    /** The bytes the links and relinks free once the copies are gone (each copy's size). */
    public long bytesSaved() {
        return links.stream().mapToLong(Link::size).sum() + relinks.stream().mapToLong(Relink::size).sum();
    }

    /** How many files the run would replace: duplicates linked plus copy-mode files relinked. */
    public int changes() {
        return links.size() + relinks.size();
    }

    public boolean isEmpty() {
        return links.isEmpty() && relinks.isEmpty() && leftover.isEmpty();
    }
}
