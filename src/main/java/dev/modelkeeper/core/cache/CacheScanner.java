package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileSystemInfo;
import dev.modelkeeper.core.fs.FileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Scans one cache root of any layout. Never throws for a broken or missing cache: problems become
 * findings and a missing root comes back {@link CacheScan.State#OFFLINE}. Each repo is streamed to the
 * {@link ScanListener} as soon as it is scanned; only cancellation ends a scan early.
 */
public final class CacheScanner {

    private final FileSystemProbe probe;
    private final LockProbe locks;
    private final int parallelism;
    private final ScanFs fs;
    private final ScanIndex index;

    public CacheScanner(FileSystemProbe probe) {
        this(probe, LockProbe.NONE);
    }

    public CacheScanner(FileSystemProbe probe, LockProbe locks) {
        this(probe, locks, ScanFs.SYSTEM, ScanIndex.NONE);
    }

    CacheScanner(FileSystemProbe probe, LockProbe locks, ScanFs fs, ScanIndex index) {
        this.probe = probe;
        this.locks = locks;
        this.fs = fs;
        this.index = index;
        this.parallelism = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));
    }

    /**
     * The same scanner, remembering each hub cache's last scan in {@code index} so that a re-scan reads only
     * the repos that changed ({@link ScanIndex#NONE}: every scan cold).
     */
    public CacheScanner withIndex(ScanIndex index) {
        return new CacheScanner(probe, locks, fs, index);
    }

    /**
     * A missing cache that a program will create on its first download (the official client makes the folder
     * it is pointed at): a default location, or one a variable names whose parent folder is there. A folder
     * the user added, or one whose parent is missing too (an unplugged drive), is offline instead.
     */
    private static boolean notCreatedYet(CacheRoot root) {
        Path parent = root.path().toAbsolutePath().getParent();
        return root.origin() == CacheRoot.Origin.DEFAULT
                || root.origin() == CacheRoot.Origin.ENVIRONMENT && parent != null && Files.isDirectory(parent);
    }

    public CacheScan scan(CacheRoot root, ScanListener listener, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        Path dir = root.path();
        Optional<FileSystemInfo> fs = probe.probe(dir);
        if (!Files.exists(dir) && notCreatedYet(root)) {
            return failed(root, CacheScan.State.NOT_CREATED, FindingKind.ROOT_NOT_CREATED, fs, listener);
        }
        if (!Files.exists(dir)) {
            return failed(root, CacheScan.State.OFFLINE, FindingKind.ROOT_OFFLINE, fs, listener);
        }
        if (!Files.isDirectory(dir)) {
            return failed(root, CacheScan.State.NOT_A_DIRECTORY, FindingKind.ROOT_NOT_A_DIRECTORY, fs, listener);
        }
        CacheKind kind = root.kind() == CacheKind.AUTO ? LayoutDetector.detect(dir) : root.kind();
        LayoutResult result;
        try {
            result = scannerFor(kind).scan(new LayoutScanner.ScanContext(root, listener, progress, cancel));
        } catch (IOException | RuntimeException e) {
            return failed(root, CacheScan.State.UNREADABLE, FindingKind.ROOT_UNREADABLE, fs, listener);
        }
        var findings = new ArrayList<>(result.findings());
        fs.filter(FileSystemInfo::isEphemeral).ifPresent(info -> {
            String why = info.hazards().stream().map(h -> h.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .sorted().collect(java.util.stream.Collectors.joining(", "));
            var f = Finding.of(FindingKind.EPHEMERAL_LOCATION, dir, why);
            findings.addFirst(f);
            listener.finding(root, f);
        });
        var repos = new ArrayList<>(result.repos());
        repos.sort(Comparator.comparing((Repo r) -> r.type().ordinal()).thenComparing(Repo::repoId));
        return new CacheScan(root, kind, CacheScan.State.ONLINE, fs, repos, findings, result.incomplete(),
                result.size(), result.allocated(), Instant.now());
    }

    /**
     * Scans one repo folder ({@code models--org--name}) of the hub cache {@code root}, as a full scan of
     * the root would, without looking at the other repos. The result holds that one repo (or none when
     * the folder is not a repo folder), its partial downloads, and no root-level findings.
     */
    public CacheScan scanRepo(CacheRoot root, Path repoDir) {
        var parsed = HubRepoScanner.parseFolderName(repoDir.getFileName().toString());
        if (parsed.isEmpty() || !Files.isDirectory(repoDir)) {
            return new CacheScan(root, CacheKind.HF_HUB, CacheScan.State.ONLINE, Optional.empty(), List.of(),
                    List.of(), List.of(), 0, 0, Instant.now());
        }
        var result = HubCacheScanner.scanRepo(new HubRepoScanner(root.path(), locks, fs, null, null), repoDir);
        var repo = result.repo();
        return new CacheScan(root, CacheKind.HF_HUB, CacheScan.State.ONLINE, Optional.empty(), List.of(repo),
                List.of(), result.incomplete(), repo.sizeOnDisk(), repo.allocatedOnDisk(), Instant.now());
    }

    private LayoutScanner scannerFor(CacheKind kind) {
        return switch (kind) {
            case HF_HUB, AUTO -> new HubCacheScanner(locks, parallelism, fs, index);
            case TORCH_HUB -> new TorchHubScanner();
            case MODELSCOPE -> new ModelScopeScanner();
            case FOLDER -> new FolderScanner();
            case HF_XET, HF_ASSETS -> new SizeOnlyScanner(kind);
        };
    }

    private static CacheScan failed(CacheRoot root, CacheScan.State state, FindingKind kind,
                                    Optional<FileSystemInfo> fs, ScanListener listener) {
        var f = Finding.of(kind, root.path());
        listener.finding(root, f);
        return new CacheScan(root, root.kind(), state, fs, List.of(), List.of(f), List.of(), 0, 0, Instant.now());
    }
}
