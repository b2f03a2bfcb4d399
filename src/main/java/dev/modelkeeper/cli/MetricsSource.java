package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.cache.ScanOperation;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.metrics.Counters;
import dev.modelkeeper.core.metrics.MetricsReport;
import dev.modelkeeper.core.metrics.ScanHistory;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Scans every cache the command line knows (as {@code scan} does) and turns it into a {@link MetricsReport};
 * each scan is also added to the size history, where the growth per week is computed from.
 */
final class MetricsSource {

    private final CliContext cli;
    private final CacheScanner scanner;

    MetricsSource(CliContext cli, CacheScanner scanner) {
        this.cli = cli;
        this.scanner = scanner;
    }

    MetricsReport report(Cancellation cancel) throws CancelledException {
        var settings = cli.settings();
        List<CacheRoot> roots = cli.locator().discover(settings.userRoots());
        List<CacheScan> scans = new ScanOperation(scanner, roots, ScanListener.NONE).run(ProgressListener.NONE, cancel);
        Instant now = Instant.now();
        var paths = AppPaths.of(cli.env());
        try {
            ScanHistory.in(paths.stateDir()).append(scans, now);
        } catch (IOException e) {
            // the history is a nicety: the metrics are still right without it
            cli.err().println(cli.texts().format("metrics.historyFailed", paths.stateDir(), e.getMessage()));
        }
        var counters = Counters.in(paths.stateDir());
        return new MetricsReport(scans, settings.thresholds(), counters.lastVerify(), counters.downloadedBytes(), 0,
                CliMain.version(), now);
    }
}
