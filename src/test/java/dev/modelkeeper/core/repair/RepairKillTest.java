package dev.modelkeeper.core.repair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelkeeper repair} in a separate process is killed with SIGKILL at every step of replacing a
 * damaged file (symlink and copy mode) and in the middle of the download. At the instant of the kill the
 * file is the damaged original or the verified replacement, never neither. A rerun without the Hub and
 * with {@code --delete-orphans} keeps it and cleans up what the killed run left; a rerun with the Hub
 * finishes the repair with nothing left behind.
 */
class RepairKillTest {

    @TempDir
    Path dir;

    @Test
    void aSymlinkModeRepairKilledAtAnyStepLosesNothing() throws Exception {
        killRerunAndCheck(false, "started", "midfetch", "fetched");
    }

    @Test
    void aCopyModeRepairKilledAtAnyStepLosesNothing() throws Exception {
        killRerunAndCheck(true, "started", "midfetch", "fetched", "copied", "replaced");
    }

    private void killRerunAndCheck(boolean copyMode, String... points) throws Exception {
        for (String point : points) {
            try (var bench = new RepairBench(dir.resolve((copyMode ? "copy-" : "link-") + point), copyMode)) {
                if (point.equals("midfetch")) {
                    killMidFetch(bench);
                } else {
                    killAt(bench, point);
                }
                assertOriginalOrReplacement(bench, "after the kill at " + point);

                var offline = bench.repair(false, true, ProgressListener.NONE, Cancellation.create());
                assertOriginalOrReplacement(bench, "after repair --delete-orphans without the Hub, " + point);
                assertEquals(List.of(), bench.leftovers(), point + ": " + offline);

                var online = bench.repair(true, false, ProgressListener.NONE, Cancellation.create());
                assertTrue(online.complete(), point + ": " + online);
                assertArrayEquals(RepairBench.WEIGHTS, bench.weights(), point);
                assertEquals(List.of(), bench.leftovers(), point);
                assertEquals(List.of(), bench.verify().findings(), point);
                assertFalse(hasPartials(bench), point + ": no partial download left");
            }
        }
    }

    private static void assertOriginalOrReplacement(RepairBench bench, String when) throws Exception {
        byte[] now = bench.weights();
        assertTrue(now != null && (Arrays.equals(now, bench.damaged) || Arrays.equals(now, RepairBench.WEIGHTS)),
                when + ": the original or its verified replacement is in place");
    }

    private static boolean hasPartials(RepairBench bench) throws Exception {
        try (Stream<Path> s = Files.list(bench.layout.repo().resolve("blobs"))) {
            return s.anyMatch(p -> p.getFileName().toString().contains(".incomplete"));
        }
    }

    /** Starts `repair`, waits until it reports the crash point, kills it with SIGKILL. */
    private void killAt(RepairBench bench, String point) throws Exception {
        Process p = start(bench, point);
        try {
            assertTrue(dev.modelkeeper.testing.CrashPoints.reached(p, point, 60), "the repair reached " + point);
        } finally {
            p.destroyForcibly(); // SIGKILL
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts `repair` against a slow Hub and kills it once part of the download is on disk. */
    private void killMidFetch(RepairBench bench) throws Exception {
        bench.hub.throttle(40_000);
        Process p = start(bench, null);
        try {
            Path partial = bench.layout.incomplete(bench.etag);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(partial) && Files.size(partial) > 0)) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, "the download started");
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            bench.hub.throttle(0);
        }
    }

    private Process start(RepairBench bench, String crashAt) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path")));
        if (crashAt != null) {
            cmd.add("-Dmodelkeeper.repair.crashAt=" + crashAt);
        }
        cmd.addAll(List.of("dev.modelkeeper.cli.CliMain", "repair", "org/tts"));
        var pb = new ProcessBuilder(cmd);
        pb.environment().put("HF_HUB_CACHE", bench.cache.toString());
        pb.environment().put("HF_ENDPOINT", bench.hub.url());
        pb.environment().put("MODELKEEPER_CONFIG_DIR", dir.resolve("config").toString());
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (crashAt == null) {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start();
    }
}
