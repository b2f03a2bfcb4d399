package dev.modelkeeper.core.cache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One cached repo (or a torch checkpoint / ModelScope model shown the same way), as the official
 * scanner's {@code CachedRepoInfo} plus our findings and allocated size.
 *
 * @param type            model, dataset, space, kernel, or a torch kind
 * @param repoId          {@code org/name} ({@code bert-base-uncased} without a namespace)
 * @param repoPath        absolute path of the repo folder (or the checkpoint file)
 * @param kind            the layout it was found in
 * @param refs            ref name to its raw file content (not stripped, as the official scanner reads it)
 * @param revisions       snapshot folders, sorted by commit hash
 * @param nbFiles         number of DISTINCT blobs across revisions
 * @param sizeOnDisk      apparent size of distinct blobs
 * @param allocatedOnDisk allocated size of distinct blobs (hard links and shared payloads counted once)
 * @param lastAccessed    newest blob atime, or the folder's own
 * @param lastModified    newest blob mtime, or the folder's own
 * @param findings        problems found inside this repo
 * @param partialBytes    bytes of unfinished downloads in the repo ({@code blobs/*.incomplete}); not part of
 *                        {@code sizeOnDisk}, which counts blobs as the official scan does
 */
public record Repo(
        RepoType type,
        String repoId,
        Path repoPath,
        CacheKind kind,
        Map<String, String> refs,
        List<Revision> revisions,
        int nbFiles,
        long sizeOnDisk,
        long allocatedOnDisk,
        Instant lastAccessed,
        Instant lastModified,
        List<Finding> findings,
        long partialBytes) {

    /** A repo with no unfinished downloads in it. */
    public Repo(RepoType type, String repoId, Path repoPath, CacheKind kind, Map<String, String> refs,
                List<Revision> revisions, int nbFiles, long sizeOnDisk, long allocatedOnDisk, Instant lastAccessed,
                Instant lastModified, List<Finding> findings) {
        this(type, repoId, repoPath, kind, refs, revisions, nbFiles, sizeOnDisk, allocatedOnDisk, lastAccessed,
                lastModified, findings, 0);
    }

    public Repo {
        refs = Map.copyOf(refs);
        revisions = List.copyOf(revisions);
        findings = List.copyOf(findings);
    }

    /** {@code model/org/name}, the official {@code cache_id}. */
    public String cacheId() {
        return type.id() + "/" + repoId;
    }

    /** Every ref name of every revision. */
    public SortedSet<String> refNames() {
        return new TreeSet<>(refs.keySet());
    }

    /** The worst severity among this repo's findings, or null when it has none. */
    public Severity worstSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(null);
    }
}
