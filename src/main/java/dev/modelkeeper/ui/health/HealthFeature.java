package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.ui.roots.RootsViewModel;

/**
 * The window's part of watch-and-explain: outdated repos, the size history and the thresholds. Hears every
 * finished scan of a root.
 */
public record HealthFeature(OutdatedViewModel outdated, HistoryViewModel history, ThresholdAlerts thresholds)
        implements RootsViewModel.Listener {

    @Override
    public void scanned(CacheScan scan) {
        history.recorded(scan);
        thresholds.scanned(scan);
    }
}
