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

    public FxOperationTask(Operation<R> operation) {
        this.operation = operation;
        updateTitle(operation.title());
    }

    @Override
    protected R call() throws Exception {
        return operation.run(new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                updateProgress(done, total);
            }

            @Override
            public void message(String message) {
                updateMessage(message);
            }
        }, cancellation);
    }

    @Override
    protected void cancelled() {
        cancellation.cancel();
    }
}
