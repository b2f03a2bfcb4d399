package dev.modelkeeper.core.metrics;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The {@code modelkeeper_*} metric families, computed from a {@link MetricsReport} each time the registry is
 * scraped. Labels name roots, kinds and sources, never single files, so the number of series stays small.
 */
public final class CacheMetrics implements MultiCollector {

    private final Supplier<MetricsReport> reports;

    /** {@code reports} is asked at every scrape; it decides how fresh the scan is ({@link ThrottledReport}). */
    public CacheMetrics(Supplier<MetricsReport> reports) {
        this.reports = reports;
    }

    @Override
    public MetricSnapshots collect() {
        MetricsReport report = reports.get();
        var families = new ArrayList<MetricSnapshot>();
        families.addAll(rootFamilies(report));
        families.add(problems(report.scans()));
        families.add(Gauges.single("modelkeeper_verify_last_timestamp_seconds",
                "When a verify last finished on this machine (Unix time); 0 if never.",
                report.lastVerify().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0)));
        families.add(Gauges.single("modelkeeper_last_scan_timestamp_seconds",
                "When the scan behind these metrics finished (Unix time); alert when it gets old.",
                report.scannedAt().toEpochMilli() / 1000.0));
        families.add(downloads(report.downloadedBytes()));
        families.add(Gauges.single("modelkeeper_outdated_repos",
                "Repos with a newer revision on the Hub (always 0 until the outdated check exists).",
                report.outdatedRepos()));
        families.add(InfoSnapshot.builder().name("modelkeeper_build").help("ModelKeeper's version.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("version", report.version()))
                        .build()).build());
        return new MetricSnapshots(families);
    }

    private static List<MetricSnapshot> rootFamilies(MetricsReport report) {
        var size = new Gauges("modelkeeper_cache_size_bytes",
                "Bytes in a cache by kind: blobs (each once), partial downloads, orphan blobs.");
        var repos = new Gauges("modelkeeper_cache_repos", "Repos (models, datasets, checkpoints) in a cache.");
        var partial = new Gauges("modelkeeper_cache_partial_bytes", "Bytes of unfinished downloads in a cache.");
        var orphan = new Gauges("modelkeeper_cache_orphan_bytes", "Bytes of blobs no revision uses in a cache.");
        var vol = new Gauges("modelkeeper_root_volatile", "1 when the cache is on tmpfs, a container layer or a temp folder.");
        var up = new Gauges("modelkeeper_root_up", "1 when the cache could be read, 0 when it is offline or unreadable.");
        var diskSize = new Gauges("modelkeeper_root_disk_size_bytes", "Size of the disk the cache is on.");
        var diskFree = new Gauges("modelkeeper_root_disk_free_bytes", "Bytes ModelKeeper may still write on that disk.");
        var exceeded = new Gauges("modelkeeper_threshold_exceeded",
                "1 when a limit from the settings is passed: kind disk_full (percent used) or cache_size (bytes).");
        for (CacheScan scan : report.scans()) {
            String root = scan.root().path().toString();
            long orphans = RootFigures.orphanBytes(scan);
            size.add(scan.sizeOnDisk(), "root", root, "kind", "blobs");
            size.add(scan.partialBytes(), "root", root, "kind", "partial");
            size.add(orphans, "root", root, "kind", "orphan");
            repos.add(scan.repos().size(), "root", root);
            partial.add(scan.partialBytes(), "root", root);
            orphan.add(orphans, "root", root);
            vol.add(RootFigures.isVolatile(scan) ? 1 : 0, "root", root);
            up.add(scan.state() == CacheScan.State.ONLINE ? 1 : 0, "root", root);
            scan.fileSystem().ifPresent(fs -> {
                diskSize.add(fs.totalBytes(), "root", root);
                diskFree.add(fs.usableBytes(), "root", root);
            });
            var passed = RootFigures.exceeded(scan, report.thresholds());
            for (var limit : RootFigures.Limit.values()) {
                exceeded.add(passed.contains(limit) ? 1 : 0, "root", root, "kind", limit.name().toLowerCase(Locale.ROOT));
            }
        }
        return List.of(size.build(), repos.build(), partial.build(), orphan.build(), vol.build(), up.build(),
                diskSize.build(), diskFree.build(), exceeded.build());
    }

    /** Every kind at its usual severity is present (0 when none), so graphs and alerts see the series from the start. */
    private static MetricSnapshot problems(List<CacheScan> scans) {
        var counts = new TreeMap<String, Long>();
        for (FindingKind kind : FindingKind.values()) {
            counts.put(key(kind.defaultSeverity().name(), kind.name()), 0L);
        }
        for (CacheScan scan : scans) {
            for (Finding f : scan.allFindings()) {
                counts.merge(key(f.severity().name(), f.kind().name()), 1L, Long::sum);
            }
        }
        var g = new Gauges("modelkeeper_problems", "Findings of the last scan by severity and kind.");
        counts.forEach((k, n) -> {
            String[] sk = k.split(" ");
            g.add(n, "severity", sk[0], "kind", sk[1]);
        });
        return g.build();
    }

    private static String key(String severity, String kind) {
        return severity.toLowerCase(Locale.ROOT) + " " + kind.toLowerCase(Locale.ROOT);
    }

    private static MetricSnapshot downloads(Map<String, Long> bytesBySource) {
        var b = CounterSnapshot.builder().name("modelkeeper_downloads_bytes")
                .help("Bytes downloaded by ModelKeeper, by source (the endpoint's host).");
        new TreeMap<>(bytesBySource).forEach((source, bytes) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot
                .builder().labels(Labels.of("source", source)).value(bytes).build()));
        return b.build();
    }
}
