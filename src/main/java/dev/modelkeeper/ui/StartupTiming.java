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

    static void report(MainViewModel model) {
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        new javafx.animation.AnimationTimer() { // runs on the first pulse that renders the scene
            @Override
            public void handle(long now) {
                System.err.println("timing: first frame " + (System.currentTimeMillis() - start) + " ms, RSS "
                        + rssKb() + " kB");
                stop();
            }
        }.start();
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
