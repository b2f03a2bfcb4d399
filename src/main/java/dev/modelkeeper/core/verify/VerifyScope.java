package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.CacheRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to verify: every file of some cache roots, narrowed to one repo, one revision of it, or one file.
 * Build it with the factories; {@code null} fields mean "no narrowing at this level".
 *
 * @param roots   the cache roots to look in (one, unless the scope is everything)
 * @param repoDir the repo folder ({@code models--org--name}), or a torch checkpoint file; null for whole roots
 * @param commit  the snapshot folder name; null for every revision
 * @param file    a snapshot entry, a folder inside a snapshot, or a blob ({@code blobs/<etag>}); every
 *                entry at or below this path (or linking to this blob) is verified; null for all files
 */
public record VerifyScope(List<CacheRoot> roots, Path repoDir, String commit, Path file) {

    /** How narrow a scope is. */
    public enum Level { ROOTS, REPO, REVISION, FILE }

    public VerifyScope {
        roots = List.copyOf(roots);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one cache root");
        }
        if ((commit != null || file != null) && repoDir == null) {
            throw new IllegalArgumentException("a revision or file scope needs its repo folder");
        }
        repoDir = normal(repoDir);
        file = normal(file);
    }

    /** Every cache this machine uses (what {@code CacheLocator.discover} returns). */
    public static VerifyScope everything(List<CacheRoot> roots) {
        return new VerifyScope(roots, null, null, null);
    }

    public static VerifyScope root(CacheRoot root) {
        return new VerifyScope(List.of(root), null, null, null);
    }

    /** One repo folder of a hub cache, or one checkpoint file of a torch hub. */
    public static VerifyScope repo(CacheRoot root, Path repoDir) {
        return new VerifyScope(List.of(root), Objects.requireNonNull(repoDir), null, null);
    }

    public static VerifyScope revision(CacheRoot root, Path repoDir, String commit) {
        return new VerifyScope(List.of(root), Objects.requireNonNull(repoDir), Objects.requireNonNull(commit), null);
    }

    /**
     * One file: a snapshot entry (or a folder of them) or a blob of {@code repoDir}. {@code commit} may be
     * null for a blob, which is then verified for every entry linking to it.
     */
    public static VerifyScope file(CacheRoot root, Path repoDir, String commit, Path file) {
        return new VerifyScope(List.of(root), Objects.requireNonNull(repoDir), commit, Objects.requireNonNull(file));
    }

    public Level level() {
        return file != null ? Level.FILE : commit != null ? Level.REVISION : repoDir != null ? Level.REPO : Level.ROOTS;
    }

    public boolean includesRepo(Path repoPath) {
        return repoDir == null || repoDir.equals(normal(repoPath));
    }

    public boolean includesRevision(String commitHash) {
        return commit == null || commit.equals(commitHash);
    }

    /** Whether a snapshot entry (or the blob it links to) is in scope; revision narrowing aside. */
    public boolean includesFile(Path entry, Path blob) {
        return file == null || normal(entry).startsWith(file) || (blob != null && normal(blob).equals(file));
    }

    private static Path normal(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }
}
