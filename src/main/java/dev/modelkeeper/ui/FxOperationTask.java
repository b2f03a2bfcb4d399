package dev.modelkeeper.ui;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.ProgressListener;
import javafx.concurrent.Task;

/**
 * Runs a core {@link Operation} as a JavaFX {@link Task}: progress and messages go through the
 * Task's thread-safe updaters, and cancelling the task cancels the operation.
 */
public final class FxOperationTask<R> extends Task<R> {

    private final Operation<R> operation;
    private final Cancellation cancellation = Cancellation.create();
    private final TransferRate rate;
    private final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
    private volatile boolean started;

    public FxOperationTask(Operation<R> operation) {
        this(operation, null);
    }

    /** With a rate, progress counts bytes and the message shows "done of total · speed · time left". */
    public FxOperationTask(Operation<R> operation, TransferRate rate) {
        this.operation = operation;
        this.rate = rate;
        updateTitle(operation.title());
    }

    /** Whether this task moves bytes (a download) rather than scanning. */
    public boolean isTransfer() {
        return rate != null;
    }

    /**
     * Completes once the operation really returned. A cancelled task reports CANCELLED at once, while its
     * operation may still be closing files; whoever touches those files next waits for this.
     */
    public java.util.concurrent.CompletionStage<Void> ended() {
        return ended;
    }

    @Override
    protected R call() throws Exception {
        started = true;
        try {
            return runOperation();
        } finally {
            ended.complete(null);
        }
    }

    private R runOperation() throws Exception {
        return operation.run(new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                updateProgress(done, total);
                if (rate != null) {
                    updateMessage(rate.describe(done, total));
                }
            }

            @Override
            public void message(String message) {
                if (rate == null) {
                    updateMessage(message);
                }
            }
        }, cancellation);
    }

    @Override
    protected void cancelled() {
        cancellation.cancel();
        if (!started) {
            ended.complete(null); // cancelled before it ran: call() never comes
        }
    }
}
