package dev.modelkeeper.core.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Hands out the last report until it is {@code maxAge} old, then makes a new one: a scan of a large cache
 * reads every folder, and Prometheus may scrape every few seconds. Scrapes that arrive while a scan runs
 * wait for it rather than starting another.
 */
public final class ThrottledReport implements Supplier<MetricsReport> {

    private final Supplier<MetricsReport> scan;
    private final Duration maxAge;
    private final Clock clock;
    private MetricsReport last;
    private Instant madeAt;

    public ThrottledReport(Supplier<MetricsReport> scan, Duration maxAge, Clock clock) {
        this.scan = scan;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public synchronized MetricsReport get() {
        Instant now = clock.instant();
        if (madeAt == null || !now.isBefore(madeAt.plus(maxAge))) {
            last = scan.get();
            madeAt = now;
        }
        return last;
    }
}
