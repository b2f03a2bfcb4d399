package dev.modelkeeper.core.migrate;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.python.OfficialClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration in a separate process is killed with SIGKILL at every journal step, in the middle of a
 * file and in the middle of the switch, then resumed with {@code migrate --resume}. At the instant of
 * the kill a complete copy of every file exists somewhere; after the resume the tree at the
 * destination equals the original (paths, link targets, sha256), the old path is a link to it, and
 * nothing is left behind. The copy runs onto a real second filesystem (tmpfs) where mounting is allowed.
 */
class MigrateKillTest {

    private static final byte[] WEIGHTS = new byte[6_000_000];

    static {
        new Random(2).nextBytes(WEIGHTS);
    }

    @TempDir
    Path dir;
    private Path hub;
    private Path hdd;
    private SecondFilesystem fs;
    private Map<String, String> before;

    @BeforeEach
    void cache() throws Exception {
        hub = dir.resolve("ssd/hub");
        new CacheFixture(hub).model("org/tts").file(commit(1), "config.json", "{\"v\":1}")
                .lfsFile(commit(1), "model.safetensors", WEIGHTS).file(commit(1), "nested/dir/tok.json", "{\"a\":1}")
                .file(commit(2), "config.json", "{\"v\":2}").lfsFile(commit(2), "model.safetensors", WEIGHTS)
                .ref("main", commit(2)).ref("refs/pr/1", commit(1));
        before = Manifest.of(hub);
        fs = SecondFilesystem.mount(dir.resolve("hdd"), "size=64m");
        hdd = dir.resolve("hdd");
        Files.createDirectories(hdd);
    }

    @AfterEach
    void unmount() throws Exception {
        if (Files.isSymbolicLink(hub)) {
            Files.delete(hub);
        }
        if (fs != null) {
            fs.close();
        }
    }

    /** Starts `migrate`, waits until it reports the crash point, kills it with SIGKILL. */
    private void killAt(String point, boolean copy) throws Exception {
        var args = new ArrayList<>(List.of("migrate", hub.toString(), hdd.resolve("hub").toString()));
        if (copy && fs == null) {
            args.add("--copy");
        }
        Process p = start(args, point);
        assertTrue(dev.modelkeeper.testing.CrashPoints.reached(p, point, 60), "the migration reached " + point);
        p.destroyForcibly(); // SIGKILL
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private Process start(List<String> args, String crashAt) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path")));
        if (crashAt != null) {
            cmd.add("-Dmodelkeeper.migrate.crashAt=" + crashAt);
        }
        cmd.add("dev.modelkeeper.cli.CliMain");
        cmd.addAll(args);
        var pb = new ProcessBuilder(cmd);
        pb.environment().put("MODELKEEPER_CONFIG_DIR", dir.resolve("config").toString());
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (crashAt == null) {
            pb.redirectErrorStream(true);
        }
        return pb.start();
    }

    private void resume() throws Exception {
        Process p = start(List.of("migrate", "--resume"), null);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    /** Every file is complete in at least one place: the original, the set-aside original, or the copy. */
    private void assertSomewhereComplete(String point) throws Exception {
        var places = new ArrayList<Path>(List.of(hub, hdd.resolve("hub")));
        try (var s = Files.list(hub.getParent())) {
            s.filter(p -> p.getFileName().toString().contains("modelkeeper-aside")).forEach(places::add);
        }
        for (Path p : places) {
            if (!Files.isSymbolicLink(p) && before.equals(Manifest.of(p))) {
                return;
            }
        }
        throw new AssertionError("at " + point + " no complete copy in " + places);
    }

    private void assertFinished() throws Exception {
        Path to = hdd.resolve("hub");
        assertTrue(Files.isSymbolicLink(hub), "the old path is a link");
        assertEquals(before, Manifest.of(to));
        assertEquals(before, Manifest.of(hub.toRealPath()));
        try (var a = Files.list(hub.getParent()); var b = Files.list(hdd)) {
            assertEquals(List.of(hub), a.toList(), "nothing left beside the old path");
            assertEquals(List.of(to), b.filter(p -> !p.getFileName().toString().equals("lost+found")).toList(),
                    "nothing left beside the new one");
        }
        assertTrue(MigrationJournal.pending(dir.resolve("config/state")).isEmpty()
                && !hasJournals(), "no journal left");
    }

    private boolean hasJournals() throws Exception {
        try (var w = Files.walk(dir.resolve("config"))) {
            return w.anyMatch(p -> p.toString().contains("migrations/") && p.toString().endsWith(".json"));
        }
    }

    private void killResumeAndCheck(boolean copy, String... points) throws Exception {
        for (String point : points) {
            if (!point.equals(points[0])) {
                cache(); // a fresh cache and second filesystem for each kill point
            }
            killAt(point, copy);
            assertSomewhereComplete(point);
            resume();
            assertFinished();
            unmount();
            MigrateOperation.deleteTree(hdd.resolve("hub"));
            MigrateOperation.deleteTree(hub.getParent());
        }
    }

    @Test
    void aCopyKilledAtAnyStepIsFinishedByResume() throws Exception {
        killResumeAndCheck(true, "planned", "copying:1", "midfile:2", "copying:4", "copied", "verified", "in-place",
                "aside", "switched");
    }

    @Test
    void aRenameKilledAtAnyStepIsFinishedByResume() throws Exception {
        Files.createDirectories(dir.resolve("ssd2"));
        // on one filesystem: the destination beside the source
        for (String point : List.of("planned", "moved", "switched")) {
            if (!point.equals("planned")) {
                cache();
            }
            if (fs != null) {
                fs.close();
                fs = null;
            }
            Path to = dir.resolve("ssd2/hub");
            Process p = start(List.of("migrate", hub.toString(), to.toString()), point);
            var err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = err.readLine();
            } while (line != null && !line.equals("CRASHPOINT " + point));
            assertEquals("CRASHPOINT " + point, line);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            assertTrue(before.equals(Manifest.of(hub)) || before.equals(Manifest.of(to)), point);
            resume();
            assertTrue(Files.isSymbolicLink(hub));
            assertEquals(before, Manifest.of(to));
            Files.delete(hub);
            MigrateOperation.deleteTree(to);
            MigrateOperation.deleteTree(hub.getParent());
        }
    }

    @Test
    @Tag("interop")
    void afterAKilledAndResumedCopyTheOfficialClientLoadsEverythingThroughTheOldPath() throws Exception {
        killAt("midfile:2", true);
        resume();
        assertFinished();
        var json = new ObjectMapper().readTree(OfficialClient.runScript("hfh_load_offline.py",
                Map.of("HF_HUB_CACHE", hub.toString(), "HF_HUB_OFFLINE", "1"), "org/tts", "model", "main",
                "config.json", "model.safetensors"));
        assertEquals(CacheFixture.sha256(WEIGHTS), json.get("files").get("model.safetensors").asText());
        assertEquals(CacheFixture.sha256("{\"v\":2}".getBytes(StandardCharsets.UTF_8)),
                json.get("files").get("config.json").asText());
        // the official client resolves the link: the snapshot it names is in the moved cache
        assertTrue(Path.of(json.get("snapshot").asText()).startsWith(hub.toRealPath()), json.toString());
    }
}
