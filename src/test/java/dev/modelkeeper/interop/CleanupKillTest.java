package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.CrashPoints;
import dev.modelkeeper.testing.RepoFixture;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelkeeper rm} of a large deletion (3 repos of 4 revisions, about 3,000 files) in a separate JVM, killed
 * with SIGKILL after the first ref, in the middle of the snapshots, after the first blob, in the middle of the blobs
 * at an unplanned instant, and after the repo folder; with the trash and for good. After every kill the official
 * client, offline, scans the cache without a warning and reads every revision left, by ref and by commit, with
 * {@code snapshot_download} and {@code hf_hub_download}: the kept revisions whole.
 */
class CleanupKillTest {

    private static final int REVISIONS = 4;
    private static final int SHARED = 80;
    private static final int OWN = 80;

    @TempDir
    Path dir;

    private static String commit(int repo, int revision) {
        return CacheFixture.commit(repo * 10 + revision);
    }

    /** Repos a, b, c: revision 4 is main, a's revision 1 is also v1; half of each revision's files are shared. */
    private static void build(Path cache) {
        var fixture = new CacheFixture(cache);
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < names.length; i++) {
            RepoFixture repo = fixture.model("org/" + names[i]);
            for (int r = 1; r <= REVISIONS; r++) {
                for (int f = 0; f < SHARED; f++) {
                    repo.file(commit(i, r), "shared/" + f + ".txt", names[i] + " shared " + f);
                }
                for (int f = 0; f < OWN; f++) {
                    repo.file(commit(i, r), "own/" + f + ".json", "{\"" + names[i] + "\":" + r + ",\"f\":" + f + "}");
                }
            }
            repo.ref("main", commit(i, REVISIONS));
            if (i == 0) {
                repo.ref("v1", commit(i, 1));
            }
        }
    }

    /** Revisions 1 to 3 of a and b, and all of c. */
    private static List<String> targets() {
        var targets = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            for (int r = 1; r < REVISIONS; r++) {
                targets.add(commit(i, r));
            }
        }
        targets.add("model/org/c");
        return targets;
    }

    @Test
    void aLargeRemovalKilledAnywhereLeavesACacheTheOfficialClientReadsWhole() throws Exception {
        killAndRead("REF:1", true);
        killAndRead("SNAPSHOT:5", false);
        killAndRead("BLOB:1", true);
        killAndRead(null, true);
        killAndRead("REPO:1", false);
    }

    private void killAndRead(String point, boolean permanent) throws Exception {
        String name = (point == null ? "midblobs" : point.replace(':', '-')) + (permanent ? "-permanent" : "-trash");
        Path cache = dir.resolve(name);
        build(cache);
        Process p = start(cache, point, permanent);
        try {
            if (point != null) {
                assertTrue(CrashPoints.reached(p, point, 60), name + ": the removal reached " + point);
            } else {
                killMidBlobs(p, cache.resolve("models--org--c/blobs"));
            }
        } finally {
            p.destroyForcibly(); // SIGKILL
            p.waitFor(10, TimeUnit.SECONDS);
        }
        var read = OfficialClient.exec(List.of(OfficialClient.python().toString(),
                Path.of("src/test/resources/interop/hfh_read_all.py").toAbsolutePath().toString(), cache.toString()),
                Map.of("HF_HUB_OFFLINE", "1", "HF_HUB_DISABLE_TELEMETRY", "1"), 120);
        assertEquals(0, read.code(), name + ": the official client reads the cache\n" + read.err());
        JsonNode repos = new ObjectMapper().readTree(read.out());
        for (int i = 0; i < 2; i++) {
            JsonNode kept = repos.get("org/" + "ab".charAt(i)).get(commit(i, REVISIONS));
            assertEquals("[\"main\"]", kept.get("refs").toString(), name);
            assertEquals(SHARED + OWN, kept.get("files").asInt(), name);
        }
    }

    /** Waits until part of c's blobs are gone, at no planned point, and leaves the kill to the caller. */
    private static void killMidBlobs(Process p, Path blobs) throws Exception {
        long all = count(blobs);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(blobs) > all / 2) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "the removal reached c's blobs");
            Thread.sleep(1);
        }
    }

    private static long count(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    private Process start(Path cache, String crashAt, boolean permanent) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        if (crashAt != null) {
            cmd.add("-Dmodelkeeper.cleanup.crashAt=" + crashAt);
        }
        cmd.addAll(List.of("dev.modelkeeper.cli.CliMain", "rm", "--cache-dir", cache.toString(), "--yes"));
        if (permanent) {
            cmd.add("--permanent");
        }
        cmd.addAll(targets());
        var pb = new ProcessBuilder(cmd);
        pb.environment().put("MODELKEEPER_CONFIG_DIR", dir.resolve("config").toString());
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("XDG_DATA_HOME");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (crashAt == null) {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start();
    }
}
