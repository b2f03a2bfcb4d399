package dev.modelkeeper.core.update;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;

/**
 * At most {@code perSecond} requests a second: each request waits until {@code 1/perSecond} s have passed since
 * the one before. A check of a cache with hundreds of repos then never looks like an attack to the endpoint
 * (the Hub answers bursts with 429).
 */
public final class RateLimit {

    private final long intervalNanos;
    private long next = Long.MIN_VALUE;

    /** @param perSecond requests a second, at least 1 */
    public RateLimit(int perSecond) {
        this.intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
    }

    /** Waits for the next slot; a cancel ends the wait. */
    public synchronized void acquire(Cancellation cancel) throws CancelledException {
        long now = System.nanoTime();
        if (next != Long.MIN_VALUE && now < next) {
            long wait = next - now;
            while (wait > 0) {
                cancel.throwIfCancelled();
                try {
                    Thread.sleep(Math.min(wait / 1_000_000 + 1, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
                wait = next - System.nanoTime();
            }
            now = System.nanoTime();
        }
        next = now + intervalNanos;
    }
}
