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
 * training run that lists the classes for the start-up archive). With {@code -Dmodelkeeper.benchCycles=N}
 * (memory benchmark) it instead runs N cycles of Refresh then Verify all, printing the heap after a full GC
 * and the RSS after each, writes a class histogram to {@code modelkeeper.benchHistograms}{@code -<cycle>.txt}
 * after the first and the last cycle, then quits.
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
                    if (Integer.getInteger("modelkeeper.benchCycles", 0) > 0) {
                        new Cycles(model, Integer.getInteger("modelkeeper.benchCycles")).verify();
                    } else if (Boolean.getBoolean("modelkeeper.exitAfterScan")) {
                        javafx.application.Platform.exit();
                    }
                }
            }
        });
    }

    /** Refresh, then Verify all, N times: each step starts when the previous one's jobs have all ended. */
    private static final class Cycles {
        private final MainViewModel model;
        private final int cycles;
        private int cycle = 1;

        Cycles(MainViewModel model, int cycles) {
            this.model = model;
            this.cycles = cycles;
        }

        void verify() {
            model.verifyAll();
            whenIdle(this::verified);
        }

        private void verified() {
            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
            System.err.println("bench: cycle " + cycle + " heap after GC " + heap + " kB, RSS " + rssKb() + " kB");
            String prefix = System.getProperty("modelkeeper.benchHistograms");
            if (prefix != null && (cycle == 1 || cycle == cycles)) {
                histogram(Path.of(prefix + "-" + cycle + ".txt"));
            }
            if (cycle++ == cycles) {
                javafx.application.Platform.exit();
                return;
            }
            model.refresh();
            whenIdle(this::verify);
        }

        /** Runs next on the FX thread once no job is running (checked every 200 ms: jobs start asynchronously). */
        private void whenIdle(Runnable next) {
            var timeline = new javafx.animation.Timeline();
            timeline.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(200), e -> {
                if (model.tasks().isEmpty() && !model.scanningProperty().get()) {
                    timeline.stop();
                    next.run();
                }
            }));
            timeline.setCycleCount(javafx.animation.Animation.INDEFINITE);
            timeline.play();
        }

        private static void histogram(Path file) {
            try {
                var server = ManagementFactory.getPlatformMBeanServer();
                var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
                Object text = server.invoke(name, "gcClassHistogram", new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
                Files.writeString(file, String.valueOf(text));
            } catch (javax.management.JMException | IOException e) {
                System.err.println("bench: no histogram: " + e);
            }
        }
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
