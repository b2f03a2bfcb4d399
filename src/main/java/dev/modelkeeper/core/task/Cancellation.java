package dev.modelkeeper.core.task;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancellation flag shared between whoever starts an operation and the operation itself.
 * Operations poll {@link #throwIfCancelled()} between units of work and register
 * {@link #onCancel(Runnable) hooks} for things a flag cannot interrupt (a blocked socket read).
 */
public final class Cancellation {

    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    /** A fresh, not yet cancelled token. */
    public static Cancellation create() {
        return new Cancellation();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Requests cancellation and runs every hook once. Safe to call from any thread, more than once. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException ignored) {
                // a failing hook must not stop the others
            }
        }
    }

    /** Throws {@link CancelledException} if cancellation was requested. */
    public void throwIfCancelled() throws CancelledException {
        if (cancelled) {
            throw new CancelledException();
        }
    }

    /**
     * Runs {@code hook} when cancellation is requested (immediately if it already was).
     * Close the returned handle when the guarded work is over.
     */
    public AutoCloseable onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }
}
