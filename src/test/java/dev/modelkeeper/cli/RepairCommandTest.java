package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairCommandTest {

    private static final byte[] WEIGHTS = new byte[300_000];

    static {
        new Random(4).nextBytes(WEIGHTS);
    }

    @TempDir
    Path home;
    private HubEmulator hub;
    private Path cache;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String commit;

    @BeforeEach
    void start() throws Exception {
        var repo = FixtureRepo.model("org/m");
        commit = repo.commit(1);
        repo.file(commit, "config.json", "{}").lfsFile(commit, "model.safetensors", WEIGHTS).ref("main", commit);
        hub = new HubEmulator().withCdn().add(repo);
        cache = home.resolve("hub");
        assertEquals(0, run("download", "org/m", "--cache", cache.toString(), "--endpoint", hub.url()));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        var env = new Environment(Map.of("HF_HUB_CACHE", home.resolve("hub").toString(),
                "MODELKEEPER_CONFIG_DIR", home.resolve("config").toString(), "HF_ENDPOINT", hub.url()), home,
                Environment.Os.LINUX);
        return CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private Path blob() {
        return cache.resolve("models--org--m/blobs/" + CacheFixture.sha256(WEIGHTS));
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing() throws Exception {
        byte[] b = Files.readAllBytes(blob());
        b[10] ^= 1;
        Files.write(blob(), b);

        int code = run("repair", "org/m", "--dry-run");

        assertEquals(ExitCode.PROBLEMS, code, err.toString());
        assertTrue(out.toString().contains("download again"), out.toString());
        assertArrayEquals(b, Files.readAllBytes(blob()));
    }

    @Test
    void repairFixesTheModelAndExitsZero() throws Exception {
        byte[] b = Files.readAllBytes(blob());
        b[10] ^= 1;
        Files.write(blob(), b);
        Files.writeString(cache.resolve("models--org--m/refs/main"), commit + "\n");

        int code = run("repair", "org/m");

        assertEquals(ExitCode.OK, code, out + "\n" + err);
        assertArrayEquals(WEIGHTS, Files.readAllBytes(blob()));
        assertTrue(out.toString().contains("no problems remain"), out.toString());
        assertEquals(ExitCode.OK, run("verify", "org/m"), out.toString());
    }

    @Test
    void offlineRepairSaysWhatNeedsTheNetworkAndExitsNonZero() throws Exception {
        byte[] b = Files.readAllBytes(blob());
        b[10] ^= 1;
        Files.write(blob(), b);

        int code = run("repair", "--offline", "--json");

        assertEquals(ExitCode.PROBLEMS, code, err.toString());
        assertTrue(out.toString().contains("\"state\" : \"needs_network\""), out.toString());
        assertArrayEquals(b, Files.readAllBytes(blob()), "left as it was");
    }

    @Test
    void aCleanCacheNeedsNoRepair() {
        assertEquals(ExitCode.OK, run("repair"));
        assertTrue(out.toString().contains("No problems found"), out.toString());
    }

    @Test
    void whatAKilledRepairSetAsideIsPutBackNotDeletedAsAnOrphanAndVerifySaysSo() throws Exception {
        Path aside = blob().resolveSibling(blob().getFileName() + ".repair-aside");
        Files.move(blob(), aside); // as a repair killed midway left it

        int code = run("repair", "org/m", "--delete-orphans", "--offline");

        assertEquals(ExitCode.OK, code, out + "\n" + err);
        assertArrayEquals(WEIGHTS, Files.readAllBytes(blob()), "the original is back");
        assertTrue(Files.notExists(aside));
        Files.move(blob(), aside);
        assertEquals(ExitCode.OK, run("verify", "org/m"), out + "\n" + err);
        assertTrue(out.toString().contains("interrupted repair"), out.toString());
        assertArrayEquals(WEIGHTS, Files.readAllBytes(blob()));
    }
}
