package dev.modelkeeper.core.download;

import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.CancelledException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A cap on download speed shared by every transfer that uses it: callers report the bytes they
 * received and are held back when they run ahead of {@code bytesPerSecond} since the limit started.
 * Thread-safe; 0 means no limit.
 */
public final class BandwidthLimit {

    public static final BandwidthLimit NONE = new BandwidthLimit(0, System::nanoTime, d -> { });
    private static final long MAX_BURST_NANOS = 1_000_000_000L;

    private final long bytesPerSecond;
    private final LongSupplier nanoClock;
    private final RetryPolicy.Sleeper sleeper;
    private final long started;
    private long consumed;

    public BandwidthLimit(long bytesPerSecond, LongSupplier nanoClock, RetryPolicy.Sleeper sleeper) {
        this.bytesPerSecond = Math.max(0, bytesPerSecond);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.started = nanoClock.getAsLong();
    }

    public static BandwidthLimit of(long bytesPerSecond) {
        return bytesPerSecond <= 0 ? NONE
                : new BandwidthLimit(bytesPerSecond, System::nanoTime, d -> Thread.sleep(d.toMillis()));
    }

    /** Accounts for {@code bytes} just received and waits as long as needed to stay under the cap. */
    public void took(long bytes) throws CancelledException {
        if (bytesPerSecond == 0) {
            return;
        }
        long aheadNanos;
        synchronized (this) {
            long now = nanoClock.getAsLong() - started;
            long allowance = now - consumed * 1_000_000_000L / bytesPerSecond;
            if (allowance > MAX_BURST_NANOS) {
                // after an idle stretch keep at most one second of unused allowance, so no burst exceeds it
                consumed = (now - MAX_BURST_NANOS) / 1_000_000_000L * bytesPerSecond
                        + (now - MAX_BURST_NANOS) % 1_000_000_000L * bytesPerSecond / 1_000_000_000L;
            }
            consumed += bytes;
            aheadNanos = consumed * 1_000_000_000L / bytesPerSecond - now;
        }
        if (aheadNanos > 1_000_000) {
            try {
                sleeper.sleep(Duration.ofNanos(aheadNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }
}
