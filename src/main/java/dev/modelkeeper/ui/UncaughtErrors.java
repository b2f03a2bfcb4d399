package dev.modelkeeper.ui;

import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * No background failure may vanish: every thread (the FX thread included) gets a handler that logs the
 * error once and shows it to the user in one sentence with the details expandable.
 */
public final class UncaughtErrors {

    private static final Logger LOG = Logger.getLogger("dev.modelkeeper");
    private static volatile BiConsumer<Thread, Throwable> reporter = (t, e) -> { };

    private UncaughtErrors() {
    }

    /** Installs the handler for all threads; {@code show} is called on the FX thread. */
    public static void install(BiConsumer<Thread, Throwable> show) {
        reporter = show;
        Thread.setDefaultUncaughtExceptionHandler(UncaughtErrors::handle);
    }

    /** Named daemon threads that report their failures. */
    public static ThreadFactory threads(String name) {
        return Thread.ofPlatform().daemon().name(name + "-", 0).uncaughtExceptionHandler(UncaughtErrors::handle)
                .factory();
    }

    static void handle(Thread t, Throwable e) {
        LOG.log(Level.SEVERE, "Uncaught on " + t.getName(), e);
        if (javafx.application.Platform.isFxApplicationThread()) {
            reporter.accept(t, e);
        } else {
            try {
                javafx.application.Platform.runLater(() -> reporter.accept(t, e));
            } catch (IllegalStateException toolkitGone) {
                // the window is closing; the log has it
            }
        }
    }
}
