package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.team.PushOperation;
import dev.modelkeeper.core.team.StoreConfig;
import dev.modelkeeper.core.team.TeamStore;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.python.OfficialClient;
import dev.modelkeeper.testing.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ensure}: a project's modelkeeper.yaml made ready offline, checked, locked, and filled from a team store. */
class EnsureCommandTest {

    private static final String YAML = """
            repos:
              - repo: org/tts
              - repo: org/llm
                revision: main
                include: ["*.json", "weights/*"]
                exclude: ["weights/skip.bin"]
            """;

    @TempDir
    Path dir;
    private HubEmulator hub;
    private FixtureRepo llm;
    private String tts1;
    private String llm1;

    @BeforeEach
    void start() throws Exception {
        var tts = FixtureRepo.model("org/tts");
        tts1 = tts.commit(1);
        tts.file(tts1, "config.json", "{\"sr\":24000}").lfsFile(tts1, "model.safetensors", new byte[70_000])
                .ref("main", tts1);
        llm = FixtureRepo.model("org/llm");
        llm1 = llm.commit(1);
        llm.file(llm1, "config.json", "{}").file(llm1, "weights/a.bin", "aaaa").file(llm1, "weights/skip.bin", "ssss")
                .file(llm1, "README.md", "# not wanted").ref("main", llm1);
        hub = new HubEmulator().add(tts).add(llm);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> vars, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var env = new Environment(vars, dir.resolve("home"), Environment.Os.LINUX);
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> env(String cache) {
        return Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", dir.resolve(cache).toString());
    }

    private Path manifest(String text) throws Exception {
        Path f = dir.resolve("project/modelkeeper.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void ensureDownloadsBothEntriesAndCheckIsReadyOnlyAfterwards() throws Exception {
        String f = manifest(YAML).toString();

        var before = run(env("hub"), "ensure", "--check", "-f", f);
        assertEquals(ExitCode.NOT_READY, before.code(), before.err() + before.out());
        assertTrue(before.out().contains("org/tts@main is not in the cache"), before.out());
        assertTrue(before.out().contains("org/llm@main is not in the cache"), before.out());
        assertFalse(Files.exists(dir.resolve("hub")), "--check writes nothing");

        var ensure = run(env("hub"), "ensure", "-f", f);
        assertEquals(0, ensure.code(), ensure.err() + ensure.out());
        assertTrue(ensure.out().contains("Ready offline: 2 repos in " + dir.resolve("hub")), ensure.out());
        assertTrue(ensure.out().contains("export HF_HUB_CACHE='" + dir.resolve("hub") + "'"), ensure.out());
        assertTrue(ensure.out().contains("ENV HF_HUB_OFFLINE=\"1\""), ensure.out());
        assertTrue(ensure.out().contains("environment:\n  HF_HUB_CACHE: \"" + dir.resolve("hub") + "\""), ensure.out());
        Path snap = dir.resolve("hub/models--org--llm/snapshots/" + llm1);
        assertTrue(Files.exists(snap.resolve("weights/a.bin")));
        assertFalse(Files.exists(snap.resolve("weights/skip.bin")), "excluded");
        assertFalse(Files.exists(snap.resolve("README.md")), "not included");

        var after = run(env("hub"), "ensure", "--check", "-f", f);
        assertEquals(0, after.code(), after.err() + after.out());

        Files.delete(snap.resolve("weights/a.bin"));
        var broken = run(env("hub"), "ensure", "--check", "-f", f);
        assertEquals(ExitCode.NOT_READY, broken.code());
        assertTrue(broken.out().contains("org/llm@main: 1 file is missing from the cache: weights/a.bin."), broken.out());
    }

    @Test
    void aLockFileKeepsEveryMachineOnTheLockedCommitAfterTheHubMovedMain() throws Exception {
        Path f = manifest(YAML);
        var locked = run(env("first"), "ensure", "--lock", "-f", f.toString());
        assertEquals(0, locked.code(), locked.err() + locked.out());
        String lock = Files.readString(f.resolveSibling("modelkeeper.lock.yaml"));
        assertTrue(lock.contains("commit: " + llm1) && lock.contains("commit: " + tts1), lock);

        String llm2 = llm.commit(2);
        llm.file(llm2, "config.json", "{\"v\":2}").file(llm2, "weights/a.bin", "bbbb").ref("main", llm2);

        var second = run(env("second"), "ensure", "--json", "-f", f.toString());
        assertEquals(0, second.code(), second.err() + second.out());
        var json = new ObjectMapper().readTree(second.out());
        assertEquals(llm1, json.get("repos").get(1).get("commit_hash").asText());
        Path repo = dir.resolve("second/models--org--llm");
        assertEquals(llm1, Files.readString(repo.resolve("refs/main")), "main points at the locked commit");
        assertFalse(Files.exists(repo.resolve("snapshots/" + llm2)));

        Files.writeString(repo.resolve("refs/main"), llm2);
        var moved = run(env("second"), "ensure", "--check", "-f", f.toString());
        assertEquals(ExitCode.NOT_READY, moved.code());
        assertTrue(moved.out().contains("the ref main points at " + llm2 + ", but the lock file pins " + llm1), moved.out());
    }

    @Test
    void aMalformedManifestIsOneSentenceWithItsLine() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"repos:\n  - repo: org/tts\n    revison: main\n",
                    "modelkeeper.yaml, line 3: unknown key \"revison\""},
                new String[] {"repos:\n  - repo: org/tts\n  - repo: \"../etc\"\n", "line 3: \"../etc\" is not a repository id"},
                new String[] {"repos:\n  - repo: org/tts\n    include: [\"/abs/*\"]\n",
                    "line 3: \"/abs/*\" is not a usable file"},
                new String[] {"repos:\n  - repo: org/tts\n   bad: [\n", "line "});
        for (String[] c : cases) {
            var r = run(env("hub"), "ensure", "-f", manifest(c[0]).toString());
            assertEquals(ExitCode.FAILURE, r.code(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
        var missing = run(env("hub"), "ensure", "-f", dir.resolve("nowhere.yaml").toString());
        assertEquals(ExitCode.NOT_FOUND, missing.code(), missing.err());
    }

    @Test
    void aFreshContainerIsReadyFromTheTeamStoreWithTheHubUnreachableAndTheOfficialClientLoadsIt() throws Exception {
        try (var s3 = new S3ProxyServer(dir.resolve("s3"))) {
            String f = manifest("store: s3://" + S3ProxyServer.BUCKET + "/team\n" + YAML).toString();
            var first = new HashMap<>(env("first"));
            first.putAll(s3.env());
            var filled = run(first, "ensure", "-f", f);
            assertEquals(0, filled.code(), filled.err() + filled.out());
            var store = new TeamStore(StoreConfig.of("s3://" + S3ProxyServer.BUCKET + "/team", null,
                    Environment.of(s3.env(), Environment.Os.LINUX, "/nonexistent")), new OkHttpClient());
            for (String repo : List.of("org/tts", "org/llm")) {
                new PushOperation(store, dir.resolve("first"), RepoType.MODEL, repo, "main", false)
                        .run(ProgressListener.NONE, Cancellation.create());
            }
            String endpoint = hub.url();
            hub.close();

            // a container: an empty HOME, no cache variables, the Hub out of reach, only the store
            var container = new HashMap<>(s3.env());
            container.put("HOME", dir.resolve("home").toString());
            container.put("HF_ENDPOINT", endpoint);
            var r = run(container, "ensure", "--json", "-f", f);

            assertEquals(0, r.code(), r.err() + r.out());
            var json = new ObjectMapper().readTree(r.out());
            assertTrue(json.get("ready").asBoolean());
            assertEquals(0, json.get("bytes_from_hub").asLong(), "0 B from the Hub");
            assertTrue(json.get("bytes_from_store").asLong() >= 70_000);
            Path cache = dir.resolve("home/.cache/huggingface/hub");
            assertEquals(cache.toString(), json.get("cache").asText());

            var shell = run(container, "ensure", "--shell", "-f", f);
            assertEquals(0, shell.code(), shell.err());
            String script = shell.out() + "\nexec \"$0\" \"$@\"";
            var py = OfficialClient.exec(List.of("bash", "-c", script, OfficialClient.python().toString(),
                    Path.of("src/test/resources/interop/hfh_load_offline.py").toAbsolutePath().toString(),
                    "org/tts", "model", "main", "config.json", "model.safetensors"),
                    Map.of("HF_HUB_DISABLE_TELEMETRY", "1", "HF_ENDPOINT", endpoint, "HOME", dir.resolve("elsewhere").toString()),
                    120);
            assertEquals(0, py.code(), py.err());
            assertTrue(py.out().contains("\"model.safetensors\""), py.out());
        }
    }
}
