package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {

    @TempDir
    Path home;
    private HubEmulator hub;
    private String commit;

    @BeforeEach
    void start() throws Exception {
        var repo = FixtureRepo.model("org/name");
        commit = repo.commit(1);
        repo.file(commit, "config.json", "{}").file(commit, "weights/a.bin", "aaaa").ref("main", commit);
        hub = new HubEmulator().add(repo);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var env = new Environment(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", home.resolve("hub").toString()),
                home, Environment.Os.LINUX);
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void downloadsIntoTheHubCacheFromTheEnvironment() {
        var r = run("download", "org/name");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Downloaded org/name at " + commit + ": 2 files,"), r.out());
        assertTrue(Files.exists(home.resolve("hub/models--org--name/snapshots/" + commit + "/weights/a.bin")));
    }

    @Test
    void dryRunAsJsonListsTheFilesAndWritesNothing() throws Exception {
        var r = run("download", "org/name", "--include", "weights/*", "--dry-run", "--json");

        assertEquals(0, r.code(), r.err());
        var json = new ObjectMapper().readTree(r.out());
        assertEquals(commit, json.get("commit_hash").asText());
        assertEquals(4, json.get("bytes_to_fetch").asLong());
        assertEquals("weights/a.bin", json.get("files").get(0).get("file_path").asText());
        assertTrue(Files.notExists(home.resolve("hub")));
    }

    @Test
    void aSpeedCapStillDownloadsEverything() {
        var r = run("download", "org/name", "--max-rate", "1M");

        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(home.resolve("hub/models--org--name/snapshots/" + commit + "/config.json")));
    }

    @Test
    void anUnknownRepoExitsWithFourAndAPlainSentence() {
        var r = run("download", "org/missing");

        assertEquals(4, r.code());
        assertTrue(r.err().startsWith("org/missing was not found."), r.err());
    }

    @Test
    void aMissingRepoNameIsAUsageError() {
        assertEquals(2, run("download", "--dry-run").code());
        assertEquals(2, run("download", "org/name", "--type", "banana").code());
        assertEquals(2, run("download", "org/name", "--max-rate", "fast").code());
    }
}
