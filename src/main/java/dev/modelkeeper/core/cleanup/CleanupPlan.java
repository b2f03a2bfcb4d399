package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.task.Message;
import java.nio.file.Path;
import java.util.List;

/**
 * What a cleanup removes, what it keeps because something else still uses it, and what it refuses to touch,
 * with the bytes each removal frees. Shown to the user before anything happens; run by {@link CleanupOperation}.
 *
 * @param removals   in the order they are carried out (see {@link Kind})
 * @param keptShared blobs a removed entry linked that stay because another revision (or hard link) uses them
 * @param refused    repos left untouched, with the reason
 * @param missing    targets that named nothing in the scanned caches
 */
public record CleanupPlan(List<Removal> removals, List<Kept> keptShared, List<Refusal> refused, List<String> missing) {

    /**
     * What a removal is. The order is the order of removal, which keeps the cache valid for the official client
     * at every instant (a kill midway leaves detached revisions or unused blobs, never a ref or link to nothing).
     */
    public enum Kind {
        /** {@code refs/<name>} of a removed revision. */
        REF,
        /** One snapshot entry ({@code snapshots/<commit>/<path>}). */
        FILE,
        /** A snapshot folder. */
        SNAPSHOT,
        /** {@code blobs/<etag>} that no remaining entry links. */
        BLOB,
        /** A partial download no process is writing. */
        PARTIAL,
        /** A blob no snapshot links. */
        ORPHAN_BLOB,
        /** A payload of the 2.0 shared store ({@code CACHE/blobs/xx/<xethash>}) whose every user goes. */
        SHARED_PAYLOAD,
        /** What is left of a removed repo's folder ({@code trees/}, {@code .no_exist/}, the folder itself). */
        REPO,
        /** {@code .locks/<folder>} of a repo that no longer exists. */
        STALE_LOCKS,
        /** A folder with nothing in it. */
        EMPTY_FOLDER
    }

    /**
     * One thing to remove.
     *
     * @param kind     what it is
     * @param root     the cache root it lies in (nothing outside it is ever touched)
     * @param path     absolute path; a link is removed itself, never its target
     * @param bytes    what removing it frees (0 when a hard link or another user keeps the data)
     * @param repo     the repo's cache id ({@code model/org/name}), or null for root-level things
     * @param repoPath the repo folder, or null
     */
    public record Removal(Kind kind, Path root, Path path, long bytes, String repo, Path repoPath) {
    }

    /**
     * A blob that stays.
     *
     * @param path   the blob
     * @param bytes  its size
     * @param reason who still uses it
     */
    public record Kept(Path path, long bytes, Message reason) {
    }

    /**
     * A repo the cleanup does not touch.
     *
     * @param repo     its cache id
     * @param repoPath its folder
     * @param reason   why, as a sentence key
     */
    public record Refusal(String repo, Path repoPath, Message reason) {
    }

    public CleanupPlan {
        removals = List.copyOf(removals);
        keptShared = List.copyOf(keptShared);
        refused = List.copyOf(refused);
        missing = List.copyOf(missing);
    }

    /** Bytes the plan frees: each blob, hard-linked inode and shared payload once. */
    public long expectedFreedSize() {
        return removals.stream().mapToLong(Removal::bytes).sum();
    }

    public boolean isEmpty() {
        return removals.isEmpty();
    }

    /** The removals of one kind. */
    public List<Removal> of(Kind kind) {
        return removals.stream().filter(r -> r.kind() == kind).toList();
    }
}
