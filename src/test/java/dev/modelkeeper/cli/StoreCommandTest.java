package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store push|pull|ls} against one S3Proxy for the class, from a cache the Hub emulator filled once. */
class StoreCommandTest {

    private static final byte[] WEIGHTS = new byte[1_000_000];
    private static S3ProxyServer s3;
    private static String commit;
    @TempDir
    static Path shared;
    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        new Random(7).nextBytes(WEIGHTS);
        s3 = new S3ProxyServer(shared.resolve("s3"));
        var repo = FixtureRepo.model("org/tts");
        commit = repo.commit(1);
        repo.file(commit, "config.json", "{\"sr\":24000}").lfsFile(commit, "model.safetensors", WEIGHTS)
                .ref("main", commit);
        try (var hub = new HubEmulator().add(repo)) {
            var r = run(shared, Map.of("HF_ENDPOINT", hub.url()), "download", "org/tts", "--cache-dir", first().toString());
            assertEquals(0, r.code(), r.err());
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static Path first() {
        return shared.resolve("first");
    }

    private static Run run(Path home, Map<String, String> variables, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(variables, home, Environment.Os.LINUX));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command with S3Proxy's keys and endpoint, the store at {@code prefix}, and {@code extra} on top. */
    private Run store(String prefix, Map<String, String> extra, String... args) {
        var env = new HashMap<>(s3.env());
        env.put("MODELKEEPER_STORE", "s3://" + S3ProxyServer.BUCKET + "/" + prefix);
        env.put("HF_HUB_CACHE", home.resolve("hub").toString());
        env.putAll(extra);
        var all = new String[args.length + 1];
        all[0] = "store";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(home, env, all);
    }

    private static String closedPort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void pushThenPullIntoAnEmptyCacheWithTheHubUnreachableSaysWhereTheBytesCameFrom() throws Exception {
        var push = store("cli1", Map.of(), "push", "org/tts", "--cache-dir", first().toString(), "--json");
        assertEquals(0, push.code(), push.err());
        assertEquals(2, push.json().get("repos").get(0).get("blobs_uploaded").asInt());
        assertEquals(commit, push.json().get("repos").get(0).get("commit_hash").asText());

        var pull = store("cli1", Map.of(), "pull", "org/tts", "--endpoint", closedPort(), "--json");

        assertEquals(0, pull.code(), pull.err());
        JsonNode json = pull.json();
        assertEquals(WEIGHTS.length + 12, json.get("bytes_from_store").asLong());
        assertEquals(0, json.get("bytes_from_hub").asLong());
        Path snapshot = home.resolve("hub/models--org--tts/snapshots/" + commit);
        assertEquals(snapshot.toString(), json.get("repos").get(0).get("snapshot_path").asText());
        assertTrue(java.util.Arrays.equals(WEIGHTS, Files.readAllBytes(snapshot.resolve("model.safetensors"))));
        assertEquals("", pull.err(), "no bar when not on a terminal");

        var text = store("cli1", Map.of("HF_HUB_OFFLINE", "1"), "pull", "org/tts");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains(": 0 B from the team store, 0 B from the internet."), text.out());
    }

    /** {@code download} with a team store named: the store serves the blobs it holds, the Hub only lists. */
    @Test
    void downloadTakesTheBlobsFromTheTeamStoreFirst() throws Exception {
        var push = store("dl", Map.of(), "push", "org/tts", "--cache-dir", first().toString());
        assertEquals(0, push.code(), push.err());
        var repo = FixtureRepo.model("org/tts");
        String same = repo.commit(1); // the same repo as the one pushed, on a Hub of its own
        assertEquals(commit, same);
        repo.file(same, "config.json", "{\"sr\":24000}").lfsFile(same, "model.safetensors", WEIGHTS).ref("main", same);
        try (var hub = new HubEmulator().add(repo)) {
            var env = new HashMap<>(s3.env());
            env.put("MODELKEEPER_STORE", "s3://" + S3ProxyServer.BUCKET + "/dl");
            env.put("HF_ENDPOINT", hub.url());
            var r = run(home, env, "download", "org/tts", "--cache-dir", home.resolve("via-store").toString());

            assertEquals(0, r.code(), r.err());
            assertEquals(0, hub.bytesServed(), "every blob came from the team store");
            Path snapshot = home.resolve("via-store/models--org--tts/snapshots/" + commit);
            assertTrue(java.util.Arrays.equals(WEIGHTS, Files.readAllBytes(snapshot.resolve("model.safetensors"))));
        }
    }

    @Test
    void lsListsReposRevisionsRefsAndTotalBytes() throws Exception {
        assertEquals(0, store("cli2", Map.of(), "push", "org/tts", "--cache-dir", first().toString()).code());

        var ls = store("cli2", Map.of(), "ls", "--json");

        assertEquals(0, ls.code(), ls.err());
        JsonNode json = ls.json();
        assertEquals("s3://models/cli2", json.get("store").asText());
        assertEquals(WEIGHTS.length + 12, json.get("total_bytes").asLong());
        JsonNode repo = json.get("repos").get(0);
        assertEquals("org/tts", repo.get("repo_id").asText());
        assertEquals(commit, repo.get("refs").get("main").asText());
        assertEquals(commit, repo.get("revisions").get(0).get("commit_hash").asText());
        var text = store("cli2", Map.of(), "ls");
        assertTrue(text.out().contains("The team store s3://models/cli2 holds 1 repo with 1 revision"), text.out());
    }

    @Test
    void dryRunUploadsNothing() throws Exception {
        var r = store("cli3", Map.of(), "push", "org/tts", "--cache-dir", first().toString(), "--dry-run", "--json");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().get("dry_run").asBoolean());
        assertEquals(WEIGHTS.length + 12, r.json().get("bytes_uploaded").asLong());
        assertFalse(Files.exists(s3.bucketDir().resolve("cli3")), "nothing in the bucket");
    }

    @Test
    void aMissingStoreIsAUsageErrorSentence() {
        var env = new HashMap<>(s3.env());
        var r = run(home, env, "store", "push", "org/tts");

        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().startsWith("Name the team store: --store s3://bucket/prefix"), r.err());
        assertTrue(r.err().contains("Run \"modelkeeper store push --help\""), r.err());
        var bad = store("x", Map.of(), "ls", "--store", "http://bucket");
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().startsWith("\"http://bucket\" is not a team store address"), bad.err());
    }

    @Test
    void wrongCredentialsAreOneSentenceAndTheStoreExitCode() {
        var r = store("cli4", Map.of("AWS_SECRET_ACCESS_KEY", "wrong-secret"), "pull", "org/tts");

        assertEquals(ExitCode.HUB_REFUSED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("The team store s3://models/cli4 refused access"), r.err());
        assertFalse(r.err().contains("wrong-secret"));
        assertFalse(Files.exists(home.resolve("hub/models--org--tts")), "nothing written");
    }

    @Test
    void aRevisionNotInTheCacheIsNotFound() {
        var r = store("cli5", Map.of(), "push", "org/none", "--cache-dir", first().toString());

        assertEquals(ExitCode.NOT_FOUND, r.code());
        assertTrue(r.err().startsWith("org/none has no revision \"main\""), r.err());
    }
}
