package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Scans one {@code models--org--name} folder of a Hugging Face hub cache the way the official
 * {@code scan_cache_dir} does (spec §3.1), but keeps broken repos and reports what is wrong as findings
 * instead of dropping the repo into a warnings list.
 */
final class HubRepoScanner {

    static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** What one repo contributes to the cache totals besides the {@link Repo} itself. */
    record Result(Repo repo, List<IncompleteFile> incomplete, List<PhysicalBlob> physical) {
    }

    /** One stored byte range: {@code key} is the payload identity, {@code inode} the disk identity. */
    record PhysicalBlob(Object key, Object inode, long size, long allocated) {
    }

    private final Path cacheDir;
    private final LockProbe locks;

    HubRepoScanner(Path cacheDir, LockProbe locks) {
        this.cacheDir = cacheDir;
        this.locks = locks;
    }

    /** The repo type and id encoded in a folder name, or empty when it is not a repo folder name. */
    static Optional<Map.Entry<RepoType, String>> parseFolderName(String name) {
        int sep = name.indexOf("--");
        if (sep <= 0 || sep + 2 >= name.length()) {
            return Optional.empty();
        }
        return RepoType.fromFolderPrefix(name.substring(0, sep))
                .map(type -> Map.entry(type, name.substring(sep + 2).replace("--", "/")));
    }

    Result scan(Path repoDir, RepoType type, String repoId) throws IOException {
        var findings = new ArrayList<Finding>();
        var refs = new RefsReader(repoDir).read(findings);
        var snapshots = new SnapshotReader(repoDir, cacheDir);
        List<Path> snapshotDirs = snapshots.commits(findings);
        var totals = new Totals();
        var physical = new ArrayList<PhysicalBlob>();
        var revisions = new ArrayList<Revision>();
        for (Path snap : snapshotDirs) {
            String commit = snap.getFileName().toString();
            var refNames = refs.namesPointingAt(commit);
            var revision = snapshots.revision(snap, refNames, findings, totals, physical);
            if (refNames.isEmpty()) {
                findings.add(Finding.of(FindingKind.DETACHED_REVISION, revision.snapshotPath(), commit));
            }
            revisions.add(revision);
        }
        if (!snapshots.partial()) { // what could not be read may hold the snapshot a ref names
            refs.reportMissingSnapshots(revisions.stream().map(Revision::commitHash).toList(), findings);
        }
        var incomplete = new ArrayList<IncompleteFile>();
        var blobFindings = new ArrayList<Finding>();
        try {
            new BlobsReader(repoDir, cacheDir, locks).read(totals.blobPaths(), blobFindings, incomplete, physical);
        } catch (IOException | java.io.UncheckedIOException e) {
            blobFindings.add(Finding.of(FindingKind.UNREADABLE, repoDir.resolve("blobs"), SnapshotReader.reason(e)));
        }
        // a blob only an unreadable entry links to is not an orphan: never offer it for deletion
        blobFindings.stream().filter(f -> !snapshots.partial() || f.kind() != FindingKind.ORPHAN_BLOB)
                .forEach(findings::add);
        var own = FileStats.stat(repoDir).orElseThrow(() -> new IOException("vanished: " + repoDir));
        Repo repo = new Repo(type, repoId, repoDir, CacheKind.HF_HUB, refs.raw(), revisions,
                totals.distinctBlobs(), totals.size(), totals.allocated(),
                totals.lastAccessedOr(own.lastAccessed()), totals.lastModifiedOr(own.lastModified()), findings,
                incomplete.stream().mapToLong(IncompleteFile::size).sum());
        return new Result(repo, incomplete, physical);
    }

    static Instant orEpoch(Instant t) {
        return t == null ? Instant.EPOCH : t;
    }
}
