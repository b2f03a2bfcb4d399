package dev.modelkeeper.bench;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanIndex;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import java.nio.file.Path;

/**
 * For src/bench/rescan_benchmark.py: scans one hub cache several times in one JVM, as the window's Refresh
 * does, and prints the seconds of each scan on one line: {@code cold} scans look at every file, {@code index}
 * scans go through the scan index in INDEX_DIR (written by the first of them if it is missing).
 * Usage: RescanRuns CACHE INDEX_DIR cold|index RUNS
 */
public final class RescanRuns {

    private RescanRuns() {
    }

    public static void main(String[] args) throws Exception {
        var root = CacheRoot.user(Path.of(args[0]).toAbsolutePath());
        var index = args[2].equals("index") ? ScanIndex.in(Path.of(args[1])) : ScanIndex.NONE;
        var scanner = new CacheScanner(new BasicFileSystemProbe()).withIndex(index);
        var times = new StringBuilder();
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            long start = System.nanoTime();
            CacheScan scan = scanner.scan(root, ScanListener.NONE, ProgressListener.NONE, Cancellation.create());
            if (scan.repos().isEmpty()) {
                throw new IllegalStateException("no repos in " + root.path());
            }
            times.append(String.format(java.util.Locale.ROOT, "%.4f ", (System.nanoTime() - start) / 1e9));
        }
        System.out.println(times.toString().strip());
    }
}
