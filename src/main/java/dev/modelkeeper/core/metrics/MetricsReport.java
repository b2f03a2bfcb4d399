package dev.modelkeeper.core.metrics;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.env.Thresholds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the metrics are computed from: the scans of every root and the few facts kept beside them.
 *
 * @param scans           one scan per root; roots a program has not created yet are left out of the metrics
 * @param thresholds      the limits from the settings
 * @param lastVerify      when a verify last finished on this machine, if ever
 * @param downloadedBytes bytes downloaded so far, by source (the endpoint's host)
 * @param outdatedRepos   repos with a newer revision on the Hub; 0 until the outdated check exists
 * @param version         ModelKeeper's version
 * @param scannedAt       when the scans finished
 */
public record MetricsReport(List<CacheScan> scans, Thresholds thresholds, Optional<Instant> lastVerify,
                            Map<String, Long> downloadedBytes, int outdatedRepos, String version, Instant scannedAt) {

    public MetricsReport {
        scans = scans.stream().filter(s -> s.state() != CacheScan.State.NOT_CREATED).toList();
        downloadedBytes = Map.copyOf(downloadedBytes);
    }
}
