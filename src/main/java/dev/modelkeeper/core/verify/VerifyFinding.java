package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Finding} plus what Repair needs to act on it without scanning again.
 *
 * <p>{@code finding().path()} is always the thing to repair: the blob for {@code CHECKSUM_MISMATCH},
 * {@code SIZE_MISMATCH} and {@code EMPTY_BLOB} (the snapshot entry itself in copy mode); the snapshot
 * entry for {@code DANGLING_LINK}, {@code LINK_OUTSIDE_REPO}, {@code WRONG_BLOB}, {@code EXTRA_FILE} and
 * {@code MISSING_FILE} (where the entry should be); the ref file for ref problems; the file for
 * {@code INCOMPLETE_FILE}, {@code ORPHAN_BLOB} and {@code TORCH_HASH_MISMATCH}; the snapshot folder for
 * {@code HUB_CHECK_FAILED} and {@code DETACHED_REVISION}.
 *
 * <p>To fetch a file again: {@code repo()} names the repo, {@code files()} every (commit, path in repo)
 * that uses the damaged blob (one download of {@code etag()} repairs them all), {@code etag()} the blob
 * name the file must have, and {@code expectedSize()} its size when a tree listing or the Hub said so.
 *
 * @param finding      kind, severity, path and a short untranslated detail
 * @param repo         the hub repo involved; empty for root-level findings and torch / ModelScope files
 * @param files        the snapshot files concerned, sorted; a {@code filePath} of "" means the revision as a
 *                     whole (a revision the Hub could not list, a detached revision)
 * @param etag         the blob name the content must match (sha256 or git blob sha1), or null when unknown
 * @param expectedSize bytes the file must have, or -1 when no listing said
 */
public record VerifyFinding(Finding finding, Optional<RepoRef> repo, List<FileRef> files, String etag,
                            long expectedSize) {

    /** A hub repo in a cache: enough to build its {@link HubLayout} or ask the Hub about it. */
    public record RepoRef(Path cacheDir, RepoType type, String repoId) {

        public RepoRef {
            Objects.requireNonNull(cacheDir, "cacheDir");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(repoId, "repoId");
        }

        public HubLayout layout() {
            return new HubLayout(cacheDir, type, repoId);
        }

        public Path repoDir() {
            return layout().repo();
        }
    }

    /** One file of one revision: the commit (snapshot folder name) and the path in the repo, '/'-separated. */
    public record FileRef(String commit, String filePath) implements Comparable<FileRef> {

        @Override
        public int compareTo(FileRef o) {
            int c = commit.compareTo(o.commit);
            return c != 0 ? c : filePath.compareTo(o.filePath);
        }
    }

    public VerifyFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(repo, "repo");
        files = files.stream().sorted().distinct().toList();
    }

    /** A finding that concerns no repo (root level, torch, ModelScope). */
    public static VerifyFinding of(Finding finding) {
        return new VerifyFinding(finding, Optional.empty(), List.of(), null, -1);
    }

    public FindingKind kind() {
        return finding.kind();
    }

    public Severity severity() {
        return finding.severity();
    }

    public Path path() {
        return finding.path();
    }
}
