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

    /** A scanned repo and what the index keeps of it (null when it cannot be indexed); reused: from the index. */
    record Scanned(Result result, ScanIndex.Entry entry, boolean reused) {
    }

    private final Path cacheDir;
    private final LockProbe locks;
    private final ScanFs fs;
    private final Instant racyAfter;
    private final Instant start;

    HubRepoScanner(Path cacheDir, LockProbe locks) {
        this(cacheDir, locks, ScanFs.SYSTEM, null, null);
    }

    /**
     * @param racyAfter folders changed after this instant are not indexed; null: index nothing
     * @param start     when the scan started: the time its index entries are written with
     */
    HubRepoScanner(Path cacheDir, LockProbe locks, ScanFs fs, Instant racyAfter, Instant start) {
        this.cacheDir = cacheDir;
        this.locks = locks;
        this.fs = fs;
        this.racyAfter = racyAfter;
        this.start = start;
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
        return scan(repoDir, type, repoId, null).result();
    }

    /**
     * Scans the repo, or takes it from {@code previous} (its last scan in the index) when the refs read the
     * same and every stamped folder is unchanged: then no blob is stat-ed and no link read.
     */
    Scanned scan(Path repoDir, RepoType type, String repoId, ScanIndex.Entry previous) throws IOException {
        var findings = new ArrayList<Finding>();
        var refs = new RefsReader(repoDir).read(findings); // always read: the client rewrites refs in place
        if (previous != null && unchanged(repoDir, previous, refs, findings)) {
            return new Scanned(previous.result(), previous, true);
        }
        var stamps = racyAfter == null ? RepoStamps.none(repoDir) : new RepoStamps(repoDir, racyAfter);
        int refFindings = findings.size();
        // stamped before anything in them is read, so that a change during the scan shows next time
        var own = fs.stat(repoDir).orElseThrow(() -> new IOException("vanished: " + repoDir));
        stamps.folder(repoDir, own);
        Path blobsDir = repoDir.resolve("blobs");
        fs.stat(blobsDir).filter(FileStats.Stat::directory).ifPresent(st -> stamps.folder(blobsDir, st));
        var snapshots = new SnapshotReader(repoDir, cacheDir, fs, stamps);
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
            new BlobsReader(repoDir, cacheDir, locks, fs, stamps).read(totals.blobPaths(), blobFindings, incomplete, physical);
        } catch (IOException | java.io.UncheckedIOException e) {
            blobFindings.add(Finding.of(FindingKind.UNREADABLE, repoDir.resolve("blobs"), SnapshotReader.reason(e)));
        }
        // a blob only an unreadable entry links to is not an orphan: never offer it for deletion
        blobFindings.stream().filter(f -> !snapshots.partial() || f.kind() != FindingKind.ORPHAN_BLOB)
                .forEach(findings::add);
        Repo repo = new Repo(type, repoId, repoDir, CacheKind.HF_HUB, refs.raw(), revisions,
                totals.distinctBlobs(), totals.size(), totals.allocated(),
                totals.lastAccessedOr(own.lastAccessed()), totals.lastModifiedOr(own.lastModified()), findings,
                incomplete.stream().mapToLong(IncompleteFile::size).sum());
        var result = new Result(repo, incomplete, physical);
        boolean indexable = stamps.indexable() && !snapshots.partial() && ScanIndexCodec.storable(result);
        return new Scanned(result, indexable ? new ScanIndex.Entry(repoDir.getFileName().toString(),
                stamps.stamps(), refFindings, result, start) : null, false);
    }

    /** Whether the repo is as the index saw it: same refs (and ref findings), every stamped folder unchanged. */
    private boolean unchanged(Path repoDir, ScanIndex.Entry previous, RefsReader refs, List<Finding> refFindings) {
        Repo before = previous.result().repo();
        if (!before.refs().equals(refs.raw()) || previous.refFindings() != refFindings.size()
                || before.findings().size() < refFindings.size()
                || !before.findings().subList(0, previous.refFindings()).equals(refFindings)) {
            return false;
        }
        for (RepoStamps.Stamp s : previous.stamps()) {
            var st = fs.stat(s.rel().isEmpty() ? repoDir : repoDir.resolve(s.rel())).orElse(null);
            if (st == null || !s.matches(st)) {
                return false;
            }
        }
        return true;
    }

    static Instant orEpoch(Instant t) {
        return t == null ? Instant.EPOCH : t;
    }
}
