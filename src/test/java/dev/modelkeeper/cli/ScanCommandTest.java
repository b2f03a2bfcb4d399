package dev.modelkeeper.cli;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> vars, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var env = new Environment(vars, home, Environment.Os.LINUX);
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path cacheWithOneModel() {
        var cache = new CacheFixture(home.resolve("hub"));
        cache.model("org/name").file(commit(1), "config.json", "{}").lfsFile(commit(1), "w.bin", new byte[2048])
                .ref("main", commit(1));
        return cache.dir();
    }

    @Test
    void jsonUsesTheOfficialFieldNames() throws Exception {
        Path cache = cacheWithOneModel();

        var r = run(Map.of(), "scan", "--json", cache.toString());

        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out()).get("roots").get(0);
        JsonNode repo = root.get("repos").get(0);
        assertEquals("model", repo.get("repo_type").asText());
        assertEquals("org/name", repo.get("repo_id").asText());
        assertEquals(2050, repo.get("size_on_disk").asLong());
        assertEquals(2, repo.get("nb_files").asInt());
        assertEquals("main", repo.get("refs").get(0).asText());
        JsonNode rev = repo.get("revisions").get(0);
        assertEquals(commit(1), rev.get("commit_hash").asText());
        JsonNode file = rev.get("files").get(0);
        assertEquals("config.json", file.get("file_name").asText());
        assertEquals("config.json", file.get("file_path").asText());
        assertTrue(file.get("blob_path").asText().startsWith(cache.resolve("models--org--name/blobs/").toString()));
        assertEquals("online", root.get("state").asText());
        assertTrue(root.get("filesystem").get("total_bytes").asLong() > 0);
        assertTrue(repo.get("allocated_size_on_disk").asLong() >= 2048);
    }

    @Test
    void humanTableListsReposAndTheOfficialFooter() {
        var r = run(Map.of(), "scan", cacheWithOneModel().toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("org/name"), r.out());
        assertTrue(r.out().contains("2.1K"), r.out());
        assertTrue(r.out().contains("Found 1 repo(s) for a total of 1 revision(s) and 2.1K on disk."), r.out());
    }

    @Test
    void withoutPathsEveryDiscoveredCacheIsScanned() {
        Path cache = cacheWithOneModel();

        var r = run(Map.of("HF_HUB_CACHE", cache.toString(), "MODELKEEPER_CONFIG_DIR", home.resolve("cfg").toString()),
                "scan");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("org/name") && r.out().contains("(HF_HUB_CACHE)"), r.out());
    }

    @Test
    void missingFolderNamedOnTheCommandLineExitsWithThree() {
        var r = run(Map.of(), "scan", home.resolve("unplugged").toString());

        assertEquals(3, r.code());
        assertTrue(r.out().contains("Offline"), r.out());
    }

    @Test
    void wrongCommandLinesExitWithTwoAndSayWhy() {
        var unknown = run(Map.of(), "scna");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown command \"scna\""), unknown.err());
        var option = run(Map.of(), "scan", "--jsno");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("--jsno"), option.err());
    }

    @Test
    void helpListsTheCommands() {
        var r = run(Map.of(), "help");
        assertEquals(0, r.code());
        for (String command : new String[] {"scan", "download", "verify", "repair", "migrate", "help"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command + " listed:\n" + r.out());
        }
    }
}
