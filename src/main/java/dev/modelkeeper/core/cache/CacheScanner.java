package dev.modelkeeper.core.cache;

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
 * Scans one cache root of any layout. Never throws for a broken cache: problems become findings.
 * Streams each repo to the {@link ScanListener} as soon as it is scanned.
 */
public final class CacheScanner {

    private final FileSystemProbe probe;

    public CacheScanner(FileSystemProbe probe) {
        this.probe = probe;
    }

    public CacheScan scan(CacheRoot root, ScanListener listener, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        Path dir = root.path();
        var fs = probe.probe(dir);
        if (!Files.exists(dir)) {
            return unreadable(root, CacheScan.State.OFFLINE, FindingKind.ROOT_OFFLINE, fs, listener);
        }
        if (!Files.isDirectory(dir)) {
            return unreadable(root, CacheScan.State.NOT_A_DIRECTORY, FindingKind.ROOT_NOT_A_DIRECTORY, fs, listener);
        }
        List<Path> entries;
        try (var stream = Files.list(dir)) {
            entries = stream.sorted().toList();
        } catch (IOException e) {
            return unreadable(root, CacheScan.State.UNREADABLE, FindingKind.ROOT_UNREADABLE, fs, listener);
        }
        var repos = new ArrayList<Repo>();
        var findings = new ArrayList<Finding>();
        int done = 0;
        for (Path entry : entries) {
            cancel.throwIfCancelled();
            progress.progress(done++, entries.size());
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.equals("CACHEDIR.TAG") || name.equals("blobs")) {
                continue;
            }
            var repo = HubRepoScanner.scan(entry);
            if (repo.isPresent()) {
                repos.add(repo.get());
                listener.repo(root, repo.get());
            } else {
                var f = Finding.of(FindingKind.UNKNOWN_ENTRY, entry);
                findings.add(f);
                listener.finding(root, f);
            }
        }
        progress.progress(entries.size(), entries.size());
        repos.sort(Comparator.comparing(Repo::cacheId));
        long size = repos.stream().mapToLong(Repo::sizeOnDisk).sum();
        long allocated = repos.stream().mapToLong(Repo::allocatedOnDisk).sum();
        return new CacheScan(root, CacheKind.HF_HUB, CacheScan.State.ONLINE, fs, repos, findings, List.of(),
                size, allocated, Instant.now());
    }

    private static CacheScan unreadable(CacheRoot root, CacheScan.State state, FindingKind kind,
                                        Optional<dev.modelkeeper.core.fs.FileSystemInfo> fs, ScanListener listener) {
        var f = Finding.of(kind, root.path());
        listener.finding(root, f);
        return new CacheScan(root, root.kind(), state, fs, List.of(), List.of(f), List.of(), 0, 0, Instant.now());
    }
}
