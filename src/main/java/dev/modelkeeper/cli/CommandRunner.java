package dev.modelkeeper.cli;

import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.team.TeamStoreException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the long part of every command the same way: Ctrl+C cancels it, a progress bar is drawn on a
 * terminal, and what went wrong becomes one sentence on stderr and an {@link ExitCode}.
 */
final class CommandRunner {

    /** How long Ctrl+C waits for the work to stop cleanly (put a file back, close the copy) before the JVM exits. */
    private static final long GRACE_SECONDS = 10;

    /** What the progress bar counts; {@code NONE} for --json, whose reader wants no bar. */
    enum Display { BYTES, STEPS, NONE }

    /** The cancellable work; it returns the exit code and prints its result (after {@link CliProgress#clear()}). */
    interface Work {
        int run(CliProgress progress, Cancellation cancel) throws OperationException;
    }

    private final CliTexts texts;
    private final PrintStream err;
    private final boolean terminal;

    CommandRunner(CliTexts texts, PrintStream err, boolean terminal) {
        this.texts = texts;
        this.err = err;
        this.terminal = terminal;
    }

    /** Runs {@code work}; when it is cancelled, says {@code cancelledKey} (a message saying what was kept). */
    int run(Display display, String cancelledKey, Work work) {
        var cancel = Cancellation.create();
        var stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            awaitQuietly(stopped);
        }, "ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        var progress = new CliProgress(err, terminal && display != Display.NONE, display == Display.BYTES);
        try {
            return work.run(progress, cancel);
        } catch (CancelledException e) {
            return say(progress, texts.get(cancelledKey), ExitCode.INTERRUPTED);
        } catch (HubException | TeamStoreException e) {
            return say(progress, e.getMessage(), ExitCode.HUB_REFUSED);
        } catch (OperationException e) {
            return say(progress, e.getMessage(), ExitCode.FAILURE);
        } finally {
            progress.finish();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // Ctrl+C: the JVM is going down and the hook is running
            }
        }
    }

    private int say(CliProgress progress, String message, int code) {
        progress.finish();
        err.println(message);
        return code;
    }

    private static void awaitQuietly(CountDownLatch stopped) {
        try {
            stopped.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
