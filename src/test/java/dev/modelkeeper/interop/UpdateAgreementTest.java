package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.cli.CliMainAccess;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16: the Hub moves {@code main} to a commit that changes two files (one LFS, one small) and adds none;
 * {@code outdated} reports exactly those two with their bytes, {@code update} fetches only those bytes, the
 * official client loads the new revision offline, and the old snapshot folder is still whole.
 */
class UpdateAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private HubEmulator hub;
    private FixtureRepo repo;
    private String oldCommit;
    private String newCommit;
    private final byte[] oldWeights = bytes(300_000, 1);
    private final byte[] newWeights = bytes(310_000, 2);
    private final byte[] unchangedLfs = bytes(200_000, 3);
    private static final String OLD_CONFIG = "{\"layers\": 12}";
    private static final String NEW_CONFIG = "{\"layers\": 24, \"heads\": 16}";

    private static byte[] bytes(int n, long seed) {
        var b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @BeforeEach
    void start() throws Exception {
        repo = FixtureRepo.model("org/tts");
        oldCommit = repo.commit(1);
        repo.file(oldCommit, "config.json", OLD_CONFIG).file(oldCommit, "nested/tokenizer.json", "{\"v\": 1}")
                .lfsFile(oldCommit, "model.safetensors", oldWeights).lfsFile(oldCommit, "speaker.bin", unchangedLfs)
                .ref("main", oldCommit);
        hub = new HubEmulator().add(repo);
        assertEquals("0", cli(Map.of(), "download", "org/tts")[0]);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** The Hub's main moves on: one small file and one LFS file change, nothing is added or removed. */
    private void moveMain() {
        newCommit = repo.commit(2);
        repo.file(newCommit, "config.json", NEW_CONFIG).lfsFile(newCommit, "model.safetensors", newWeights)
                .ref("main", newCommit);
    }

    private Path cache() {
        return home.resolve("hub");
    }

    private String[] cli(Map<String, String> extra, String... args) {
        var env = new HashMap<>(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache().toString(),
                "MODELKEEPER_CONFIG_DIR", home.resolve("config").toString()));
        env.putAll(extra);
        return CliMainAccess.run(env, home, args);
    }

    private JsonNode outdatedJson(Map<String, String> extra, String... more) throws Exception {
        var args = new java.util.ArrayList<>(java.util.List.of("outdated", "--json"));
        args.addAll(java.util.List.of(more));
        String[] r = cli(extra, args.toArray(String[]::new));
        assertEquals("0", r[0], r[2]);
        return JSON.readTree(r[1]);
    }

    @Test
    void outdatedReportsExactlyTheTwoChangedFilesAndUpdateFetchesOnlyTheirBytes() throws Exception {
        moveMain();
        long expected = NEW_CONFIG.getBytes(StandardCharsets.UTF_8).length + newWeights.length;

        JsonNode ref = outdatedJson(Map.of()).get("refs").get(0);
        assertEquals("outdated", ref.get("state").asText());
        assertEquals(oldCommit, ref.get("local_commit").asText());
        assertEquals(newCommit, ref.get("remote_commit").asText());
        assertEquals(2, ref.get("files_changed").asInt());
        assertEquals(expected, ref.get("bytes_to_fetch").asLong());
        Set<String> changed = new TreeSet<>();
        ref.get("files").forEach(f -> {
            assertEquals("changed", f.get("change").asText());
            changed.add(f.get("file_path").asText());
        });
        assertEquals(Set.of("config.json", "model.safetensors"), changed);

        long served = hub.bytesServed();
        String[] r = cli(Map.of(), "update", "org/tts");
        assertEquals("0", r[0], r[2]);
        assertEquals(expected, hub.bytesServed() - served, r[1]);

        Path repoDir = cache().resolve("models--org--tts");
        assertEquals(newCommit, Files.readString(repoDir.resolve("refs/main")));
        Path old = repoDir.resolve("snapshots/" + oldCommit);
        assertEquals(OLD_CONFIG, Files.readString(old.resolve("config.json")));
        assertEquals(CacheFixture.sha256(oldWeights), CacheFixture.sha256(Files.readAllBytes(old.resolve("model.safetensors"))));
        assertTrue(Files.exists(old.resolve("nested/tokenizer.json")) && Files.exists(old.resolve("speaker.bin")));

        var offline = Map.of("HF_HUB_CACHE", cache().toString(), "HF_HUB_OFFLINE", "1");
        JsonNode loaded = JSON.readTree(OfficialClient.runScript("hfh_load_offline.py", offline, "org/tts", "model",
                "main", "config.json", "model.safetensors", "speaker.bin", "nested/tokenizer.json"));
        assertTrue(loaded.get("snapshot").asText().endsWith(newCommit), loaded.toString());
        assertEquals(CacheFixture.sha256(newWeights), loaded.get("files").get("model.safetensors").asText());
        assertEquals(CacheFixture.sha256(NEW_CONFIG.getBytes(StandardCharsets.UTF_8)),
                loaded.get("files").get("config.json").asText());
        assertEquals(CacheFixture.sha256(unchangedLfs), loaded.get("files").get("speaker.bin").asText());
        JsonNode pinned = JSON.readTree(OfficialClient.runScript("hfh_load_offline.py", offline, "org/tts", "model",
                oldCommit, "model.safetensors"));
        assertEquals(CacheFixture.sha256(oldWeights), pinned.get("files").get("model.safetensors").asText());

        JsonNode after = outdatedJson(Map.of(), "--max-age", "0").get("refs").get(0);
        assertEquals("up_to_date", after.get("state").asText());
    }

    @Test
    void aSecondCheckWithinItsTimeAsksNothing() throws Exception {
        moveMain();
        outdatedJson(Map.of());
        long requests = hub.requests();

        JsonNode again = outdatedJson(Map.of()).get("refs").get(0);

        assertEquals(requests, hub.requests());
        assertEquals("outdated", again.get("state").asText());
        assertEquals(2, again.get("files_changed").asInt());
        outdatedJson(Map.of(), "--max-age", "0");
        assertEquals(requests + 1, hub.requests(), "past its time, only the commit is asked again");
    }

    @Test
    void offlineModeMakesNoRequest() throws Exception {
        moveMain();
        long requests = hub.requests();

        JsonNode out = outdatedJson(Map.of("HF_HUB_OFFLINE", "1"));
        String[] update = cli(Map.of("HF_HUB_OFFLINE", "1"), "update", "org/tts");

        assertEquals(requests, hub.requests());
        assertTrue(out.get("offline").asBoolean());
        assertEquals("not_checked", out.get("refs").get(0).get("state").asText());
        assertEquals("6", update[0], update[2]);
        assertEquals(oldCommit, Files.readString(cache().resolve("models--org--tts/refs/main")));
    }

    @Test
    void dryRunChangesNothingAndUpToDateIsSaid() throws Exception {
        String[] current = cli(Map.of(), "update", "org/tts");
        assertEquals("0", current[0], current[2]);
        assertTrue(current[1].contains("is up to date"), current[1]);

        moveMain();
        long served = hub.bytesServed();
        String[] r = cli(Map.of(), "update", "org/tts", "--dry-run");

        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("Would update org/tts (main)"), r[1]);
        assertEquals(served, hub.bytesServed());
        assertEquals(oldCommit, Files.readString(cache().resolve("models--org--tts/refs/main")));
        assertTrue(Files.notExists(cache().resolve("models--org--tts/snapshots/" + newCommit)));
        assertEquals("3", cli(Map.of(), "update", "org/absent")[0]);
        String[] table = cli(Map.of(), "outdated");
        assertEquals("0", table[0], table[2]);
        assertTrue(table[1].contains("outdated: 2 files (0 added, 2 changed, 0 removed)"), table[1]);
        assertTrue(table[1].contains("1 ref checked, 1 outdated"), table[1]);
    }
}
