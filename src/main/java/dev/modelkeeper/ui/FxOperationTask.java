package dev.modelkeeper.ui;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.ProgressListener;
import java.util.ResourceBundle;
import javafx.concurrent.Task;

/**
 * Runs a core {@link Operation} as a JavaFX {@link Task}: progress and messages go through the
 * Task's thread-safe updaters, and cancelling the task cancels the operation. Its title and the operation's
 * sentences are rendered in the window's language, and again by {@link #relocalize()} after a switch.
 */
public final class FxOperationTask<R> extends Task<R> {

    private final Operation<R> operation;
    private final ResourceBundle texts;
    private final Message title;
    private volatile Message lastMessage;
    private final Cancellation cancellation = Cancellation.create();
    private final TransferRate rate;
    private final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
    private volatile boolean started;
    private volatile boolean job;

    public FxOperationTask(Operation<R> operation, ResourceBundle texts) {
        this(operation, texts, null, null);
    }

    /** With a rate, progress counts bytes and the message shows "done of total · speed · time left". */
    public FxOperationTask(Operation<R> operation, ResourceBundle texts, TransferRate rate) {
        this(operation, texts, rate, null);
    }

    /** With a title of the window's own instead of the operation's. */
    public FxOperationTask(Operation<R> operation, ResourceBundle texts, TransferRate rate, Message title) {
        this.operation = operation;
        this.texts = texts;
        this.rate = rate;
        this.title = title != null ? title : operation.title();
        updateTitle(this.title.render(Errors.locale(texts)));
    }

    /** Renders the title (and the last sentence) again, in the language the window now shows. */
    public void relocalize() {
        updateTitle(title.render(Errors.locale(texts)));
        Message m = lastMessage;
        if (m != null && rate == null) {
            updateMessage(m.render(Errors.locale(texts)));
        }
    }

    /** Whether this task moves bytes (a download) rather than scanning. */
    public boolean isTransfer() {
        return rate != null;
    }

    /**
     * A job the user started that counts steps rather than bytes (a cleanup): shown in the jobs panel like a
     * transfer, with the operation's own messages as its line. A scan is not one (the status bar shows it).
     */
    public static <R> FxOperationTask<R> job(Operation<R> operation, ResourceBundle texts, Message title) {
        var task = new FxOperationTask<>(operation, texts, null, title);
        task.job = true;
        return task;
    }

    /** Whether this task belongs in the jobs panel: a transfer, or a {@link #job job}. */
    public boolean isJob() {
        return job || isTransfer();
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
                    lastMessage = null;
                    updateMessage(message);
                }
            }

            @Override
            public void message(Message message) {
                if (rate == null) {
                    lastMessage = message;
                    updateMessage(message.render(Errors.locale(texts)));
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
