package dev.modelkeeper.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.env.Thresholds;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.Prometheus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheMetricsTest {

    @TempDir
    Path dir;

    private CacheScan scanOfTwoModels() throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        String c = CacheFixture.commit(1);
        cache.model("org/a").file(c, "config.json", "{}").lfsFile(c, "w.bin", new byte[4096]).ref("main", c)
                .orphanBlob(new byte[1000]).incomplete("a".repeat(64) + ".incomplete", 300);
        cache.model("org/b").file(c, "config.json", "{\"b\":1}").ref("main", c);
        return new CacheScanner(new BasicFileSystemProbe()).scan(CacheRoot.user(cache.dir()), ScanListener.NONE,
                ProgressListener.NONE, Cancellation.create());
    }

    private static MetricsReport report(List<CacheScan> scans, Thresholds limits) {
        return new MetricsReport(scans, limits, Optional.of(Instant.ofEpochSecond(1_700_000_000)),
                Map.of("huggingface.co", 5000L), 0, "1.2.3", Instant.ofEpochSecond(1_800_000_000));
    }

    private static String text(MetricsReport report) throws Exception {
        return new String(MetricsExport.text(MetricsExport.registry(() -> report)), StandardCharsets.UTF_8);
    }

    @Test
    void everyFamilyCarriesTheScansNumbersAndPassesPromtool() throws Exception {
        CacheScan scan = scanOfTwoModels();
        String root = scan.root().path().toString();
        String text = text(report(List.of(scan), Thresholds.defaults()));

        assertTrue(text.contains("modelkeeper_cache_repos{root=\"" + root + "\"} 2.0"), text);
        assertTrue(text.contains("modelkeeper_cache_size_bytes{kind=\"blobs\",root=\"" + root + "\"} "
                + (double) scan.sizeOnDisk()), text);
        assertTrue(text.contains("modelkeeper_cache_partial_bytes{root=\"" + root + "\"} 300.0"), text);
        assertTrue(text.contains("modelkeeper_cache_orphan_bytes{root=\"" + root + "\"} 1000.0"), text);
        assertTrue(text.contains("modelkeeper_root_up{root=\"" + root + "\"} 1.0"), text);
        assertTrue(text.contains("modelkeeper_root_volatile{root=\"" + root + "\"}"), text);
        assertTrue(text.contains("modelkeeper_problems{kind=\"orphan_blob\",severity=\"warning\"} 1.0"), text);
        assertTrue(text.contains("modelkeeper_problems{kind=\"checksum_mismatch\",severity=\"error\"} 0.0"), text);
        assertTrue(text.contains("modelkeeper_verify_last_timestamp_seconds 1.7E9"), text);
        assertTrue(text.contains("modelkeeper_downloads_bytes_total{source=\"huggingface.co\"} 5000.0"), text);
        assertTrue(text.contains("modelkeeper_outdated_repos 0.0"), text);
        assertTrue(text.contains("modelkeeper_build_info{version=\"1.2.3\"} 1"), text);
        assertFalse(text.contains("config.json") || text.contains("w.bin"), "no per-file labels");
        var lint = Prometheus.checkMetrics(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, lint.code(), lint.output() + "\n" + text);
    }

    @Test
    void aCacheOverItsSizeLimitIsFlaggedAndOthersAreNot() throws Exception {
        CacheScan scan = scanOfTwoModels();
        String root = scan.root().path().toString();
        var limits = new Thresholds(0, 0, List.of(new Thresholds.RootLimit(root, 0, 100)));

        String text = text(report(List.of(scan), limits));

        assertTrue(text.contains("modelkeeper_threshold_exceeded{kind=\"cache_size\",root=\"" + root + "\"} 1.0"), text);
        assertTrue(text.contains("modelkeeper_threshold_exceeded{kind=\"disk_full\",root=\"" + root + "\"} 0.0"), text);
        String relaxed = text(report(List.of(scan), new Thresholds(0, 1L << 40, List.of())));
        assertTrue(relaxed.contains("modelkeeper_threshold_exceeded{kind=\"cache_size\",root=\"" + root + "\"} 0.0"));
    }

    @Test
    void aFullDiskPassesTheDiskLimit() throws Exception {
        CacheScan scan = scanOfTwoModels();
        double used = RootFigures.diskUsedPercent(scan);
        assertTrue(used >= 0, "the temp folder's disk is known");

        assertTrue(RootFigures.exceeded(scan, new Thresholds((int) Math.max(1, Math.floor(used) - 1), 0, List.of()))
                .contains(RootFigures.Limit.DISK_FULL) || used < 2);
        assertFalse(RootFigures.exceeded(scan, new Thresholds(100, 0, List.of())).contains(RootFigures.Limit.DISK_FULL));
    }

    @Test
    void anOfflineRootIsDownAndADefaultNeverCreatedOneIsLeftOut() throws Exception {
        var scanner = new CacheScanner(new BasicFileSystemProbe());
        var gone = scanner.scan(CacheRoot.user(dir.resolve("unplugged")), ScanListener.NONE, ProgressListener.NONE,
                Cancellation.create());
        var notYet = scanner.scan(new CacheRoot(dir.resolve("default"), dev.modelkeeper.core.cache.CacheKind.HF_HUB,
                CacheRoot.Origin.DEFAULT, null), ScanListener.NONE, ProgressListener.NONE, Cancellation.create());

        String text = text(report(List.of(gone, notYet), Thresholds.defaults()));

        assertTrue(text.contains("modelkeeper_root_up{root=\"" + gone.root().path() + "\"} 0.0"), text);
        assertFalse(text.contains(notYet.root().path() + "\""), text);
        var lint = Prometheus.checkMetrics(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, lint.code(), lint.output());
    }

    @Test
    void theTextfileIsReplacedAtomicallyAndNoTemporaryFileStays() throws Exception {
        var report = report(List.of(scanOfTwoModels()), Thresholds.defaults());
        Path out = Files.createDirectories(dir.resolve("textfile"));
        Files.writeString(out.resolve("modelkeeper.prom"), "old");

        Path file = MetricsExport.writeTextfile(MetricsExport.registry(() -> report), out);

        assertEquals(out.resolve("modelkeeper.prom"), file);
        assertTrue(Files.readString(file).contains("modelkeeper_cache_repos"));
        try (var files = Files.list(out)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
