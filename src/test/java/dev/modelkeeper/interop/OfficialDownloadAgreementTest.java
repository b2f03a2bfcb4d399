package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caches we download are the official client's caches: it loads every file offline from ours, its
 * scan of ours equals its scan of one it filled, a cache it filled costs us zero bytes, and the two of
 * us downloading into one cache at the same time end with a clean cache.
 */
@Tag("interop")
class OfficialDownloadAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("config.json", "nested/dir/tokenizer.json", "model.safetensors");
    private final byte[] weights = new byte[3_000_000];
    @TempDir
    Path dir;
    private HubEmulator hub;

    @BeforeEach
    void start() throws Exception {
        new Random(11).nextBytes(weights);
        var repo = FixtureRepo.model("org/tts");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{\"sr\":24000}").file(c, "nested/dir/tokenizer.json", "{\"v\":[1,2]}")
                .lfsFile(c, "model.safetensors", weights).ref("main", c);
        hub = new HubEmulator().withCdn().add(repo);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void ours(Path cache) throws Exception {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.standard());
        new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/tts", "main", List.of(), List.of(),
                cache, false), 4).run(ProgressListener.NONE, Cancellation.create());
    }

    private Map<String, String> env(Path cache) {
        return Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString());
    }

    @Test
    void theOfficialClientLoadsOurDownloadOffline() throws Exception {
        Path cache = dir.resolve("ours");
        ours(cache);

        var env = new java.util.HashMap<>(env(cache));
        env.put("HF_HUB_OFFLINE", "1");
        var args = new ArrayList<>(List.of("org/tts", "model", "main"));
        args.addAll(FILES);
        var out = JSON.readTree(OfficialClient.runScript("hfh_load_offline.py", env, args.toArray(String[]::new)));

        assertEquals(CacheFixture.sha256(weights), out.get("files").get("model.safetensors").asText());
        assertEquals(CacheFixture.sha256("{\"v\":[1,2]}".getBytes()),
                out.get("files").get("nested/dir/tokenizer.json").asText());
    }

    @Test
    void theOfficialScanOfOurCacheEqualsItsScanOfItsOwn() throws Exception {
        Path mine = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        ours(mine);
        OfficialClient.runScript("hfh_download.py", env(theirs), "org/tts", "model", "main");

        assertEquals(comparable(theirs), comparable(mine));
    }

    @Test
    void aCacheTheOfficialClientFilledCostsUsNothing() throws Exception {
        Path cache = dir.resolve("shared");
        OfficialClient.runScript("hfh_download.py", env(cache), "org/tts", "model", "main");
        long served = hub.bytesServed();

        ours(cache);

        assertEquals(served, hub.bytesServed());
    }

    @Test
    void downloadingAtTheSameTimeAsTheOfficialClientEndsClean() throws Exception {
        Path cache = dir.resolve("both");
        hub.throttle(2_000_000); // 1.5 s per copy of the weights: long enough for both to be in flight
        var python = new ArrayList<>(List.of(OfficialClient.python().toString(),
                Path.of("src/test/resources/interop/hfh_download.py").toAbsolutePath().toString(),
                "org/tts", "model", "main"));
        var pb = new ProcessBuilder(python).redirectErrorStream(true);
        pb.environment().putAll(env(cache));
        pb.environment().put("HF_HUB_DISABLE_XET", "1");
        Process official = pb.start();
        Thread.sleep(700); // let the interpreter start, so both really download at once
        ours(cache);
        String log = new String(official.getInputStream().readAllBytes());
        assertEquals(0, official.waitFor(), log);

        var scan = new CacheScanner(new BasicFileSystemProbe(), FileLocks::isHeld).scan(CacheRoot.user(cache),
                ScanListener.NONE, ProgressListener.NONE, Cancellation.create());
        assertEquals(List.of(), scan.allFindings());
        assertEquals(List.of(), scan.incompleteFiles());
        assertEquals(CacheFixture.sha256(weights), JSON.readTree(OfficialClient.runScript("hfh_load_offline.py",
                Map.of("HF_HUB_CACHE", cache.toString(), "HF_HUB_OFFLINE", "1"), "org/tts", "model", "main",
                "model.safetensors")).get("files").get("model.safetensors").asText());
    }

    private static Map<String, Object> comparable(Path cache) throws Exception {
        return OfficialClient.comparableScan(cache);
    }
}
