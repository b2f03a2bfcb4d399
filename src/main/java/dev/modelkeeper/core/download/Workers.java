package dev.modelkeeper.core.download;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends a pool of download workers without interrupting them. An interrupt closes the {@code FileChannel} a
 * worker writes to (and, for ranged pieces, the one all connections share) and makes every later journal save
 * fail, so bytes already on disk would be forgotten; a cancel instead closes their connections and they stop
 * on their own, recording what arrived.
 */
final class Workers {

    /** How long stopped workers get to record what they wrote before they are interrupted after all. */
    private static final long GRACE_SECONDS = 30;

    private Workers() {
    }

    /**
     * Waits for the workers to end (call after cancelling them, or once they are done). Returns whether the
     * calling thread was interrupted; its flag is cleared so that the caller can still save its bookkeeping,
     * and the caller sets it again afterwards.
     */
    static boolean finish(ExecutorService pool) {
        pool.shutdown();
        boolean interrupted = Thread.interrupted();
        try {
            if (!pool.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            pool.shutdownNow();
        }
        return interrupted;
    }
}
