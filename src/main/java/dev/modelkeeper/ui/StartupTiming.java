package dev.modelkeeper.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;

/**
 * For the benchmark ({@code -Dmodelkeeper.timing=true}): prints to stderr how long after the JVM started
 * the first frame was drawn, the first rows appeared and the scan finished, and the resident memory with
 * the cache loaded. With {@code -Dmodelkeeper.exitAfterScan=true} the app then quits (the packaging's
 * training run that lists the classes for the start-up archive).
 */
final class StartupTiming {

    private StartupTiming() {
    }

    /** Whether the timings are asked for (the installed launcher's options are fixed: the environment too). */
    static boolean enabled() {
        return Boolean.getBoolean("modelkeeper.timing") || Boolean.getBoolean("modelkeeper.exitAfterScan")
                || "1".equals(System.getenv("MODELKEEPER_TIMING"));
    }

    /** Prints "timing: {@code what} N ms" (since the JVM started) when timings are asked for. */
    static void mark(String what) {
        if (enabled()) {
            System.err.println("timing: " + what + " " + sinceStart() + " ms");
        }
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * Runs {@code then} once the window's first frame is drawn (right after that pulse), so nothing but
     * building the shell competes with the first paint; prints when that frame was drawn.
     */
    static void afterFirstFrame(Runnable then) {
        new javafx.animation.AnimationTimer() { // handle() runs in the pulse that renders the first frame
            @Override
            public void handle(long now) {
                stop();
                javafx.application.Platform.runLater(() -> { // queued behind that pulse: after the paint
                    if (enabled()) {
                        System.err.println("timing: first frame " + sinceStart() + " ms, RSS " + rssKb() + " kB");
                    }
                    then.run();
                });
            }
        }.start();
    }

    static void report(MainViewModel model) {
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        var rows = model.content().visibleRepos();
        rows.addListener(new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends dev.modelkeeper.core.cache.Repo> c) {
                if (!rows.isEmpty()) {
                    System.err.println("timing: first rows " + (System.currentTimeMillis() - start) + " ms");
                    rows.removeListener(this);
                }
            }
        });
        model.scanningProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (was && !now) {
                    System.err.println("timing: scan done " + (System.currentTimeMillis() - start) + " ms, "
                            + rows.size() + " repos, RSS " + rssKb() + " kB");
                    model.scanningProperty().removeListener(this);
                    if (Boolean.getBoolean("modelkeeper.exitAfterScan")) {
                        javafx.application.Platform.exit();
                    }
                }
            }
        });
    }

    private static String rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.replaceAll("\\D", "")).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
