package dev.modelkeeper.cli;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path home;
    private Path cache;
    private RepoFixture repo;

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    @BeforeEach
    void cache() {
        cache = home.resolve("hub");
        repo = new CacheFixture(cache).model("org/name").file(commit(1), "config.json", "{}")
                .lfsFile(commit(1), "w.bin", new byte[4096]).file(commit(2), "config.json", "{\"v\":2}")
                .ref("main", commit(2)).ref("v1", commit(1));
    }

    private Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var vars = Map.of("HF_HUB_CACHE", cache.toString(), "MODELKEEPER_CONFIG_DIR", home.resolve("cfg").toString());
        var env = new Environment(vars, home, Environment.Os.LINUX);
        var all = new ArrayList<>(List.of("verify"));
        all.addAll(List.of(args));
        int code = CliMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aHealthyCacheExitsWithZero() {
        var r = run();

        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("Checked 3 files: 3 verified, 0 corrupt"), r.out());
        assertTrue(r.out().contains("from 3 files;") || r.out().contains("3 files unchanged"), r.out());
        assertTrue(!r.out().contains("(s)"), "real plurals, not file(s): " + r.out());
        assertTrue(r.out().contains("No problems found."), r.out());
    }

    @Test
    void problemsAreGroupedBySeverityWithTheirRepairAndExitWithFive() throws Exception {
        repo.flipByte(repo.etag(commit(1), "w.bin")).rawRef("main", commit(2) + "\n").orphanBlob(new byte[] {9});

        var r = run();

        assertEquals(5, r.code(), r.err());
        String out = r.out();
        assertTrue(out.indexOf("ERROR (2)") < out.indexOf("WARNING (1)"), out);
        assertTrue(out.contains("org/name: w.bin (revision " + commit(1).substring(0, 7) + ") does not match its checksum")
                && out.contains("Repair: Repair downloads this file again."), "named by repo and file, not blob: " + out);
        assertTrue(!out.contains(repo.etag(commit(1), "w.bin") + " does not match"), out);
        assertTrue(out.contains("Problems remain"), out);
    }

    @Test
    void jsonStreamsFindingsThenVerdictsAndASummary() throws Exception {
        String etag = repo.etag(commit(1), "w.bin");
        repo.flipByte(etag);

        var r = run("--json");

        assertEquals(5, r.code(), r.err());
        JsonNode doc = r.json();
        JsonNode f = doc.get("findings").get(0);
        assertEquals("checksum_mismatch", f.get("kind").asText());
        assertEquals("error", f.get("severity").asText());
        assertEquals(repo.blob(etag).toString(), f.get("path").asText());
        assertEquals("org/name", f.get("repo_id").asText());
        assertEquals(commit(1), f.get("files").get(0).get("commit_hash").asText());
        assertEquals("w.bin", f.get("files").get(0).get("file_path").asText());
        assertEquals(etag, f.get("etag").asText());
        assertEquals(3, doc.get("files").size());
        assertEquals(1, doc.get("summary").get("corrupt").asInt());
        assertTrue(doc.get("summary").get("problems_remain").asBoolean());
    }

    @Test
    void aSecondRunReadsNothingUnlessFullIsGiven() throws Exception {
        run("--json");

        var again = run("--json").json().get("summary");
        var full = run("--json", "--full").json().get("summary");

        assertEquals(0, again.get("bytes_hashed").asLong());
        assertEquals(3, again.get("blobs_recalled").asInt());
        assertEquals(4096 + 2 + 7, full.get("bytes_hashed").asLong());
    }

    @Test
    void reposAreNamedByIdAndNarrowedToARevision() throws Exception {
        var byId = run("--json", "org/name").json();
        assertEquals(3, byId.get("files").size());

        var rev = run("--json", "org/name", "--revision", "v1").json();
        assertEquals(2, rev.get("files").size());

        var snapshot = run("--json", repo.snapshot(commit(2)).toString()).json();
        assertEquals(1, snapshot.get("files").size());
    }

    @Test
    void aNameThatIsNotInAnyCacheExitsWithThree() {
        var r = run("org/nothing");

        assertEquals(3, r.code());
        assertTrue(r.err().contains("\"org/nothing\" is neither a file or folder nor a repository in any cache."), r.err());
        assertEquals(3, run("org/name", "--revision", "v9").code());
    }

    @Test
    void wrongOptionsExitWithTwo() {
        assertEquals(2, run("--jsno").code());
        assertEquals(2, run("--type", "weights", "org/name").code());
        assertEquals(2, run("--threads", "0").code());
        assertEquals(0, run("--threads", "1").code());
    }

    @Test
    void onlineComparesWithTheHubAndARefusalExitsWithFour() throws Exception {
        var remote = FixtureRepo.model("org/name");
        String c = remote.commit(1);
        remote.file(c, "config.json", "{}").file(c, "README.md", "hi").ref("main", c);
        new CacheFixture(cache).model("org/name").file(c, "config.json", "{}").ref("main", c);
        Path cfg = home.resolve("cfg");
        Files.createDirectories(cfg);

        try (var hub = new HubEmulator().add(remote)) {
            var r = run("--json", "--online", "--endpoint", hub.url(), "org/name", "--revision", c);
            assertEquals(0, r.code(), r.err() + r.out());
            assertEquals("missing_file", r.json().get("findings").get(0).get("kind").asText());
        }
        try (var empty = new HubEmulator()) {
            var refused = run("--online", "--endpoint", empty.url(), "org/name", "--revision", c);
            assertEquals(4, refused.code(), refused.out() + refused.err());
            assertTrue(refused.out().contains("The Hub could not be asked about"), refused.out());
        }
    }

    @Test
    void helpListsVerify() {
        var out = new ByteArrayOutputStream();
        CliMain.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                new Environment(Map.of(), home, Environment.Os.LINUX));
        assertTrue(Pattern.compile("\\n  verify +Check every file against its hash").matcher(out.toString(StandardCharsets.UTF_8))
                .find(), "the column is as wide as the longest command name");
    }
}
