package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.time.Duration;

/**
 * The official client's backoff (spec §4.8): retry network failures, 408, 429 and 5xx up to five
 * times, waiting 1, 2, 4, 8, 8 seconds, or what a 429 asked for. Waiting goes through a {@link Sleeper}
 * so tests never sleep, and stops as soon as the work is cancelled.
 */
public final class RetryPolicy {

    /** Waits; tests pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** One attempt of the work. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws HubException, CancelledException;
    }

    private static final long[] WAITS = {1, 2, 4, 8, 8};

    private final int maxRetries;
    private final Sleeper sleeper;

    public RetryPolicy(int maxRetries, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
    }

    public static RetryPolicy standard() {
        return new RetryPolicy(5, d -> Thread.sleep(d.toMillis()));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, d -> { });
    }

    public <T> T run(Attempt<T> attempt, Cancellation cancel) throws HubException, CancelledException {
        for (int retry = 0; ; retry++) {
            cancel.throwIfCancelled();
            try {
                return attempt.run();
            } catch (HubException e) {
                if (!e.isRetryable() || retry >= maxRetries || cancel.isCancelled()) {
                    throw e;
                }
                wait(e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() : WAITS[Math.min(retry, WAITS.length - 1)],
                        cancel);
            }
        }
    }

    /**
     * For callers that retry by themselves (resumable transfers): waits before attempt {@code retry}
     * (0-based) after {@code failure}, or returns false when no more retries are allowed.
     */
    public boolean backoff(HubException failure, int retry, Cancellation cancel) throws CancelledException {
        if (!failure.isRetryable() || retry >= maxRetries) {
            return false;
        }
        wait(failure.retryAfterSeconds() > 0 ? failure.retryAfterSeconds()
                : WAITS[Math.min(retry, WAITS.length - 1)], cancel);
        return true;
    }

    /**
     * Waits before attempt {@code retry} (0-based) of work that failed without an error answer (an empty or
     * short body): the same backoff as for errors, so a broken server is not asked again in a tight loop.
     */
    public void pause(int retry, Cancellation cancel) throws CancelledException {
        wait(WAITS[Math.min(Math.max(retry, 0), WAITS.length - 1)], cancel);
    }

    private void wait(long seconds, Cancellation cancel) throws CancelledException {
        try {
            sleeper.sleep(Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        cancel.throwIfCancelled();
    }
}
