package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.ui.roots.RootsViewModel;

/**
 * The window's part of watch-and-explain: outdated repos, the size history, the thresholds, the doctor's
 * Health tab and View → Serve metrics. Hears every finished scan of a root.
 *
 * @param doctor  the Health tab, or null in a window built without it
 * @param metrics the /metrics server, or null in a window built without it
 */
public record HealthFeature(OutdatedViewModel outdated, HistoryViewModel history, ThresholdAlerts thresholds,
                            DoctorViewModel doctor, MetricsServer metrics)
        implements RootsViewModel.Listener, AutoCloseable {

    public HealthFeature(OutdatedViewModel outdated, HistoryViewModel history, ThresholdAlerts thresholds) {
        this(outdated, history, thresholds, null, null);
    }

    @Override
    public void scanned(CacheScan scan) {
        history.recorded(scan);
        thresholds.scanned(scan);
        if (metrics != null) {
            metrics.scanned(scan);
        }
        if (doctor != null) {
            doctor.scanned();
        }
    }

    /** The window closes: /metrics stops answering. */
    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
