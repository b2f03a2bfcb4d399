package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.cache.HubRepoScanner.PhysicalBlob;
import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scans a Hugging Face hub cache root: which entries are repos, the 2.0 shared blob store, lock
 * leftovers and foreign files (spec §2.10, §3.1). Repos are scanned in parallel by {@link RepoPool}.
 */
final class HubCacheScanner implements LayoutScanner {

    static final String SHARED_MARKER = ".huggingface-shared-blobs";
    private static final Set<String> SKIPPED = Set.of(".locks", "CACHEDIR.TAG", ".DS_Store", "Thumbs.db",
            "desktop.ini");

    private final LockProbe locks;
    private final int parallelism;
    private final ScanFs fs;
    private final ScanIndex index;

    HubCacheScanner(LockProbe locks, int parallelism, ScanFs fs, ScanIndex index) {
        this.locks = locks;
        this.parallelism = parallelism;
        this.fs = fs;
        this.index = index;
    }

    @Override
    public LayoutResult scan(ScanContext ctx) throws IOException, dev.modelkeeper.core.task.CancelledException {
        Path dir = ctx.root().path();
        var repoDirs = new ArrayList<Path>();
        var findings = new ArrayList<Finding>();
        var physical = new ArrayList<PhysicalBlob>();
        for (Path entry : SnapshotReader.sorted(dir)) {
            classify(entry, repoDirs, findings, physical);
        }
        findings.addAll(staleLockFolders(dir));
        findings.forEach(f -> ctx.listener().finding(ctx.root(), f));
        var start = java.time.Instant.now();
        Map<String, ScanIndex.Stored> previous = index.load(dir);
        var scanner = new HubRepoScanner(dir, locks, fs, index.enabled() ? index.racyAfter(start) : null, start);
        var pool = new RepoPool<HubRepoScanner.Scanned>(parallelism);
        List<HubRepoScanner.Scanned> scanned = pool.run(repoDirs,
                p -> scanRepo(scanner, p, usable(previous.get(p.getFileName().toString()), start)),
                r -> ctx.listener().repo(ctx.root(), r.result().repo()), ctx.progress(), ctx.cancellation());
        var entries = scanned.stream().map(HubRepoScanner.Scanned::entry).filter(Objects::nonNull).toList();
        boolean changed = scanned.stream().anyMatch(s -> s.entry() != null && !s.reused())
                || entries.size() != previous.size(); // a repo went, or one indexed before cannot be now
        if (index.enabled() && changed) {
            index.save(dir, entries);
        }
        var result = new LayoutResult(CacheKind.HF_HUB, findings);
        scanned.stream().map(HubRepoScanner.Scanned::result).forEach(r -> {
            result.repos().add(r.repo());
            result.incomplete().addAll(r.incomplete());
            physical.addAll(r.physical());
        });
        result.addPhysical(physical);
        return result;
    }

    private ScanIndex.Stored usable(ScanIndex.Stored stored, java.time.Instant start) {
        return stored != null && index.fresh(stored, start) ? stored : null;
    }

    /** One unreadable repo (permissions, a vanished folder) becomes a finding, not a failed scan. */
    static HubRepoScanner.Result scanRepo(HubRepoScanner scanner, Path repoDir) {
        return scanRepo(scanner, repoDir, null).result();
    }

    private static HubRepoScanner.Scanned scanRepo(HubRepoScanner scanner, Path repoDir, ScanIndex.Stored previous) {
        var parsed = HubRepoScanner.parseFolderName(repoDir.getFileName().toString()).orElseThrow();
        try {
            return scanner.scan(repoDir, parsed.getKey(), parsed.getValue(), previous == null ? null : previous.decode());
        } catch (IOException | RuntimeException e) {
            var finding = Finding.of(FindingKind.UNREADABLE, repoDir, String.valueOf(e.getMessage()));
            var repo = new Repo(parsed.getKey(), parsed.getValue(), repoDir, CacheKind.HF_HUB, java.util.Map.of(),
                    List.of(), 0, 0, 0, java.time.Instant.EPOCH, java.time.Instant.EPOCH, List.of(finding));
            return new HubRepoScanner.Scanned(new HubRepoScanner.Result(repo, List.of(), List.of()), null, false);
        }
    }

    private void classify(Path entry, List<Path> repos, List<Finding> findings, List<PhysicalBlob> physical)
            throws IOException {
        String name = entry.getFileName().toString();
        if (SKIPPED.contains(name)) {
            return;
        }
        boolean directory = Files.isDirectory(entry);
        if (name.equals("blobs") && Files.isRegularFile(entry.resolve(SHARED_MARKER))) {
            physical.addAll(sharedPayloads(entry));
        } else if (directory && HubRepoScanner.parseFolderName(name).isPresent()) {
            repos.add(entry);
        } else if (!directory || name.startsWith("tmp") || name.startsWith(".")) {
            findings.add(Finding.of(FindingKind.UNKNOWN_ENTRY, entry));
        } else {
            findings.add(Finding.of(FindingKind.NOT_A_REPO, entry));
        }
    }

    /** Every payload of the shared store, so that store-only payloads count in the cache total. */
    private static List<PhysicalBlob> sharedPayloads(Path store) throws IOException {
        var payloads = new ArrayList<PhysicalBlob>();
        try (var walk = Files.walk(store, 2)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (n.length() == 64 && HubRepoScanner.COMMIT.matcher(n.substring(0, 40)).matches()) {
                    FileStats.lstat(p).ifPresent(st ->
                            payloads.add(new PhysicalBlob(p.normalize(), st.fileKey(), st.size(), st.allocated())));
                }
            }
        }
        return payloads;
    }

    /** {@code .locks/<repo folder>} left behind after the repo itself was deleted. */
    private static List<Finding> staleLockFolders(Path dir) throws IOException {
        Path locksDir = dir.resolve(".locks");
        if (!Files.isDirectory(locksDir)) {
            return List.of();
        }
        var findings = new ArrayList<Finding>();
        for (Path p : SnapshotReader.sorted(locksDir)) {
            if (Files.isDirectory(p) && !Files.exists(dir.resolve(p.getFileName()))) {
                findings.add(new Finding(FindingKind.STALE_LOCK, Severity.INFO, p, ""));
            }
        }
        return findings;
    }
}
