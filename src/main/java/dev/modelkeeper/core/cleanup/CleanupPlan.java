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
        EMPTY_FOLDER,
        /** A chunk, shard or staging cache of hf_xet ({@code HF_XET_CACHE/<endpoint>/chunk-cache} …), only on request. */
        XET_CACHE
    }

    /** Where a removal goes. */
    public enum Fate {
        /** Into the desktop's trash, from where it can be restored. */
        TRASH,
        /** Deleted for good. */
        PERMANENT,
        /**
         * Meant for the trash, but its filesystem has none: it can only be deleted for good, which the user must ask
         * for ({@code --permanent}); never done silently.
         */
        NO_TRASH
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
     * @param fate     to the trash or for good
     */
    public record Removal(Kind kind, Path root, Path path, long bytes, String repo, Path repoPath, Fate fate) {

        /** A removal deleted for good (what every removal was before the trash). */
        public Removal(Kind kind, Path root, Path path, long bytes, String repo, Path repoPath) {
            this(kind, root, path, bytes, repo, repoPath, Fate.PERMANENT);
        }

        public Removal {
            fate = fate == null ? Fate.PERMANENT : fate;
        }

        /** This removal going to {@code newFate}. */
        public Removal withFate(Fate newFate) {
            return new Removal(kind, root, path, bytes, repo, repoPath, newFate);
        }
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

    /**
     * The same plan with each removal's fate decided by its cache root: {@code disposal} says whether the root's
     * filesystem has a trash (see {@link Disposal#fateFor(Path)}). The planner's plans say {@link Fate#PERMANENT}.
     */
    public CleanupPlan withFates(Disposal disposal) {
        var fates = new java.util.HashMap<Path, Fate>();
        var decided = removals.stream().map(r -> r.withFate(fates.computeIfAbsent(r.root(), disposal::fateFor))).toList();
        return new CleanupPlan(decided, keptShared, refused, missing);
    }

    /**
     * The plan as it is carried out with its fates decided ({@link #withFates}): a whole repo that goes to the
     * trash is one item there (one rename takes it out of the cache at once, and restoring it brings back a repo
     * that works), so the removals inside it are folded into it, bytes included; and a shared-store payload whose
     * repo blobs go to the trash stays, since the trashed blobs still link to it. Permanent removals are unchanged.
     */
    public CleanupPlan asCarriedOut() {
        java.util.Set<Path> wholeToTrash = removals.stream().filter(r -> r.kind() == Kind.REPO && r.fate() == Fate.TRASH)
                .map(Removal::path).collect(java.util.stream.Collectors.toSet());
        var inside = new java.util.HashMap<Path, Long>(); // bytes folded into each whole repo
        removals.stream().filter(r -> r.kind() != Kind.REPO && r.repoPath() != null && wholeToTrash.contains(r.repoPath()))
                .forEach(r -> inside.merge(r.repoPath(), r.bytes(), Long::sum));
        var carried = removals.stream()
                .filter(r -> !(r.kind() == Kind.SHARED_PAYLOAD && r.fate() == Fate.TRASH))
                .filter(r -> r.kind() == Kind.REPO || r.repoPath() == null || !wholeToTrash.contains(r.repoPath()))
                .map(r -> inside.containsKey(r.path()) ? new Removal(r.kind(), r.root(), r.path(),
                        r.bytes() + inside.get(r.path()), r.repo(), r.repoPath(), r.fate()) : r)
                .toList();
        return new CleanupPlan(carried, keptShared, refused, missing);
    }

    /** Whether some removal can only be deleted for good though the trash was asked for. */
    public boolean needsPermanent() {
        return removals.stream().anyMatch(r -> r.fate() == Fate.NO_TRASH);
    }

    /** The removals of one kind. */
    public List<Removal> of(Kind kind) {
        return removals.stream().filter(r -> r.kind() == kind).toList();
    }
}
