package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.cli.CliMainAccess;
import dev.modelkeeper.core.cache.RepoType;
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
import dev.modelkeeper.testing.hub.RealRepos;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation over a repo that holds what real repos hold ({@link RealRepos}): empty files, spaces,
 * unicode in NFC and NFD, URL-trap names, deep folders, duplicate content, LFS beside plain files, and a
 * {@code main} that moves to a revision that deletes, renames and changes files. The official client is the
 * judge: it does the same downloads into its own cache, and both caches must scan the same and load offline.
 */
@Tag("interop")
class RealisticRepoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private HubEmulator hub;
    private FixtureRepo repo;

    @BeforeEach
    void start() throws Exception {
        repo = RealRepos.mixed("org/real");
        hub = new HubEmulator().withCdn().add(repo);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void ours(Path cache) throws Exception {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.none());
        new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/real", "main", List.of(), List.of(),
                cache, false), 4).run(ProgressListener.NONE, Cancellation.create());
    }

    private void theirs(Path cache) throws Exception {
        OfficialClient.runScript("hfh_download.py", Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString()),
                "org/real", "model", "main");
    }

    @Test
    void downloadsAsTheOfficialClientDoesAcrossAMovingMain() throws Exception {
        Path mine = dir.resolve("ours");
        Path official = dir.resolve("theirs");
        ours(mine);
        theirs(official);
        long before = hub.bytesServed();

        String second = RealRepos.moveMain(repo);
        ours(mine);

        long changed = repo.files(second).get(RealRepos.CHANGED).content().length
                + repo.files(second).get(RealRepos.ADDED).content().length;
        assertEquals(changed, hub.bytesServed() - before, "only new blobs crossed the network (a rename costs nothing)");
        theirs(official);
        assertEquals(comparable(official), comparable(mine));
        assertEquals(second, Files.readString(mine.resolve("models--org--real/refs/main")));
        assertEverythingLoadsOffline(mine, repo.commits().getFirst());
        assertEverythingLoadsOffline(mine, second);
    }

    @Test
    void verifyAndRepairWorkOverEveryKindOfName() throws Exception {
        Path cache = dir.resolve("cache");
        ours(cache);
        assertEquals(0, cli(cache, "verify").code(), "a fresh download verifies clean");

        String commit = repo.commits().getFirst();
        for (String path : List.of("trap/what?.txt", "trap/100%.txt", "unicode/模型说明.md", "model.safetensors")) {
            Path file = cache.resolve("models--org--real/snapshots/" + commit).resolve(path).toRealPath();
            byte[] bytes = Files.readAllBytes(file);
            bytes[0] ^= 1;
            Files.write(file, bytes);
        }
        var broken = cli(cache, "verify");
        assertEquals(5, broken.code(), broken.out());

        var repaired = cli(cache, "repair", "org/real");
        assertEquals(0, repaired.code(), repaired.out() + repaired.err());
        assertEquals(0, cli(cache, "verify").code());
        assertEverythingLoadsOffline(cache, commit);
    }

    @Test
    void aMovedCacheStillLoadsOfflineThroughItsLink() throws Exception {
        Path cache = dir.resolve("home-disk/hub");
        ours(cache);
        Path dest = dir.resolve("other-disk/hub");
        Files.createDirectories(dest.getParent());

        var moved = cli(cache, "migrate", cache.toString(), dest.toString(), "--copy");

        assertEquals(0, moved.code(), moved.out() + moved.err());
        assertTrue(Files.isSymbolicLink(cache));
        assertEquals(0, cli(dest, "verify").code());
        assertEverythingLoadsOffline(cache, repo.commits().getFirst());
    }

    @Test
    void tenThousandSmallFilesDownloadAndScanAsTheOfficialScanSees() throws Exception {
        var many = RealRepos.many("org/many", 10_000);
        hub.add(many);
        Path cache = dir.resolve("many");
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.none());
        new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/many", "main", List.of(), List.of(),
                cache, false), 8).run(ProgressListener.NONE, Cancellation.create());

        JsonNode scan = JSON.readTree(OfficialClient.runScript("hfh_scan.py", Map.of(), cache.toString()));
        assertEquals(10_000, scan.path("repos").get(0).path("nb_files").asInt());
        assertEquals(0, scan.path("warnings").size(), scan.path("warnings").toString());
        var ourScan = JSON.readTree(cli(cache, "scan", "--json", cache.toString()).out());
        assertEquals(10_000, ourScan.findValues("nb_files").getFirst().asInt(), "our scan counts them too");
        assertEquals(0, cli(cache, "verify").code());
    }

    private void assertEverythingLoadsOffline(Path cache, String commit) throws Exception {
        var args = new ArrayList<>(List.of("org/real", "model", commit));
        args.addAll(repo.files(commit).keySet());
        var env = new HashMap<>(Map.of("HF_HUB_CACHE", cache.toString(), "HF_HUB_OFFLINE", "1"));
        JsonNode files = JSON.readTree(OfficialClient.runScript("hfh_load_offline.py", env,
                args.toArray(String[]::new))).get("files");
        for (var f : repo.files(commit).values()) {
            assertEquals(CacheFixture.sha256(f.content()), files.path(f.path()).asText(), f.path());
        }
        assertEquals(repo.files(commit).size(), files.size());
    }

    private record Run(int code, String out, String err) {
    }

    private Run cli(Path cache, String... args) {
        var r = CliMainAccess.run(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString()), dir.resolve("home"), args);
        assertTrue(!(r[1] + r[2]).contains("Exception"), r[1] + r[2]);
        return new Run(Integer.parseInt(r[0]), r[1], r[2]);
    }

    private static Map<String, Object> comparable(Path cache) throws Exception {
        return OfficialClient.comparableScan(cache);
    }
}
