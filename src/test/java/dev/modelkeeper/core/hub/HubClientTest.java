package dev.modelkeeper.core.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubClientTest {

    private static final byte[] WEIGHTS = new byte[300_000];
    private HubEmulator hub;
    private FixtureRepo repo;
    private String main;
    private String pr;
    private final List<Duration> slept = new ArrayList<>();

    static {
        Arrays.fill(WEIGHTS, (byte) 7);
    }

    @BeforeEach
    void start() throws Exception {
        repo = FixtureRepo.model("org/name");
        pr = repo.commit(1);
        repo.file(pr, "config.json", "{}").file(pr, "sub/dir/a b.txt", "spaces").lfsFile(pr, "w.bin", WEIGHTS);
        main = repo.commit(2);
        repo.file(main, "config.json", "{\"v\":2}").ref("main", main).ref("refs/pr/1", pr);
        hub = new HubEmulator().pageSize(2).add(repo);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** With a token the emulator is treated as a mirror the user trusts with it. */
    private HubClient client(String token) {
        return client(token, token != null);
    }

    private HubClient client(String token, boolean trustMirror) {
        var tok = token == null ? Optional.<HubToken>empty()
                : HubToken.resolve(new Environment(Map.of("HF_TOKEN", token), Path.of("/nonexistent"),
                        Environment.Os.LINUX), Path.of("/nonexistent"), null);
        return new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), trustMirror), tok,
                new RetryPolicy(5, slept::add));
    }

    @Test
    void repoInfoResolvesBranchesAndPullRequestRefs() throws Exception {
        assertEquals(main, client(null).repoInfo(RepoType.MODEL, "org/name", "main", Cancellation.create()).sha());
        assertEquals(pr, client(null).repoInfo(RepoType.MODEL, "org/name", "refs/pr/1", Cancellation.create()).sha());
    }

    @Test
    void treeListingFollowsPagesAndNamesBlobsLikeTheCache() throws Exception {
        var tree = client(null).listTree(RepoType.MODEL, "org/name", pr, Cancellation.create());

        assertEquals(List.of("config.json", "sub/dir/a b.txt", "w.bin"), tree.stream().map(TreeEntry::path).toList());
        var lfs = tree.get(2);
        assertTrue(lfs.isLfs());
        assertEquals(CacheFixture.sha256(WEIGHTS), lfs.etag());
        assertEquals(CacheFixture.gitSha1("{}".getBytes()), tree.getFirst().etag());
    }

    @Test
    void metadataOfARegularFileComesFromTheHubItself() throws Exception {
        var meta = client(null).fileMetadata(RepoType.MODEL, "org/name", "refs/pr/1", "sub/dir/a b.txt",
                Cancellation.create());

        assertEquals(pr, meta.commit());
        assertEquals(CacheFixture.gitSha1("spaces".getBytes()), meta.etag());
        assertEquals(6, meta.size());
    }

    @Test
    void lfsMetadataIsReadFromTheRedirectAndTheTokenNeverReachesTheCdn() throws Exception {
        hub.withCdn();
        var client = client("hf_secret");

        var meta = client.fileMetadata(RepoType.MODEL, "org/name", "refs/pr/1", "w.bin", Cancellation.create());
        assertEquals(CacheFixture.sha256(WEIGHTS), meta.etag());
        assertEquals(WEIGHTS.length, meta.size());
        assertEquals("localhost", meta.downloadUrl().host());
        try (var d = client.download(meta, 0, Cancellation.create())) {
            assertArrayEquals(WEIGHTS, d.body().readAllBytes(), "the CDN refuses any Authorization header");
        }
        assertTrue(hub.authorizations().stream().allMatch("Bearer hf_secret"::equals), "the Hub got the token");
    }

    @Test
    void aMirrorTheUserDidNotTrustNeverSeesTheToken() throws Exception {
        client("hf_secret", false).repoInfo(RepoType.MODEL, "org/name", "main", Cancellation.create());

        assertEquals(java.util.Collections.singletonList(null), hub.authorizations());
    }

    @Test
    void rangedDownloadResumesWith206() throws Exception {
        hub.withCdn();
        var client = client(null);
        var meta = client.fileMetadata(RepoType.MODEL, "org/name", pr, "w.bin", Cancellation.create());

        try (var d = client.download(meta, 100_000, Cancellation.create())) {
            assertTrue(d.resumed());
            assertEquals(200_000, d.body().readAllBytes().length);
        }
    }

    @Test
    void cancellingUnblocksADownloadStuckInARead() throws Exception {
        var client = client(null);
        var meta = client.fileMetadata(RepoType.MODEL, "org/name", main, "config.json", Cancellation.create());
        hub.failNext(HubEmulator.Fault.stall());
        var cancel = Cancellation.create();
        var download = client.download(meta, 0, cancel);
        var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return download.body().readAllBytes().length;
            } catch (java.io.IOException e) {
                return -1;
            }
        });

        cancel.cancel();

        // generous bound: without the cancel hook this read would hang for the full 30 s stall
        assertEquals(-1, reader.get(20, java.util.concurrent.TimeUnit.SECONDS));
        download.close();
    }

    @Test
    void renamedRepoIsFollowedOnTheHub() throws Exception {
        hub.rename("models", "old/name", "org/name");

        var meta = client(null).fileMetadata(RepoType.MODEL, "old/name", "main", "config.json", Cancellation.create());

        assertEquals(main, meta.commit());
    }

    @Test
    void errorsBecomePlainSentencesOfTheRightKind() {
        var c = client(null);
        var cancel = Cancellation.create();
        assertEquals(HubException.Kind.REPO_NOT_FOUND, assertThrows(HubException.class,
                () -> c.repoInfo(RepoType.MODEL, "org/missing", "main", cancel)).kind());
        assertEquals(HubException.Kind.REVISION_NOT_FOUND, assertThrows(HubException.class,
                () -> c.repoInfo(RepoType.MODEL, "org/name", "nope", cancel)).kind());
        var entry = assertThrows(HubException.class,
                () -> c.fileMetadata(RepoType.MODEL, "org/name", "main", "gone.txt", cancel));
        assertEquals(HubException.Kind.ENTRY_NOT_FOUND, entry.kind());
        assertTrue(entry.getMessage().startsWith("org/name@main:gone.txt does not exist"), entry.getMessage());
    }

    @Test
    void gatedRepoNamesThePageToRequestAccessAndNeverTheToken() {
        hub.gate("models", "org/name", "hf_right");

        var e = assertThrows(HubException.class, () -> client("hf_wrong_secret").repoInfo(RepoType.MODEL, "org/name",
                "main", Cancellation.create()));

        assertEquals(HubException.Kind.GATED, e.kind());
        assertTrue(e.getMessage().contains(hub.url() + "/org/name"), "the endpoint that answered: " + e.getMessage());
        assertFalse(e.getMessage().contains("hf_wrong_secret"));
        assertFalse(client("hf_wrong_secret").toString().contains("hf_wrong_secret"));
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedWithTheOfficialBackoff() throws Exception {
        hub.failNext(new HubEmulator.Fault(500, Map.of()), new HubEmulator.Fault(503, Map.of()),
                new HubEmulator.Fault(429, Map.of("ratelimit", "\"api\";r=0;t=55")),
                new HubEmulator.Fault(429, Map.of("Retry-After", "3")));

        var info = client(null).repoInfo(RepoType.MODEL, "org/name", "main", Cancellation.create());

        assertEquals(main, info.sha());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(56),
                Duration.ofSeconds(4)), slept);
    }

    @Test
    void retriesStopAfterFiveAndReportTheLastFailure() {
        for (int i = 0; i < 6; i++) {
            hub.failNext(new HubEmulator.Fault(502, Map.of()));
        }
        var e = assertThrows(HubException.class, () -> client(null).repoInfo(RepoType.MODEL, "org/name", "main",
                Cancellation.create()));
        assertEquals(HubException.Kind.SERVER_ERROR, e.kind());
        assertEquals(5, slept.size());
    }

    @Test
    void tokenComesFromTheEnvironmentOrTheTokenFileAndIsCleaned(@org.junit.jupiter.api.io.TempDir Path home)
            throws Exception {
        java.nio.file.Files.writeString(home.resolve("token"), "  hf_file\r\n");
        var fromFile = HubToken.resolve(new Environment(Map.of(), home, Environment.Os.LINUX), home, "hf_settings");
        assertEquals("Bearer hf_file", fromFile.orElseThrow().header());
        var fromEnv = HubToken.resolve(new Environment(Map.of("HF_TOKEN", " "), home, Environment.Os.LINUX), home, null);
        assertEquals("Bearer hf_file", fromEnv.orElseThrow().header(), "a blank HF_TOKEN counts as none");
        assertNull(HubToken.resolve(new Environment(Map.of(), Path.of("/x"), Environment.Os.LINUX), Path.of("/x"), null)
                .orElse(null));
    }

    @Test
    void tokenGoesToAMirrorOnlyWhenAllowed() {
        var mirror = HubEndpoint.of("https://hf-mirror.com", false);
        assertFalse(mirror.mayReceiveToken(okhttp3.HttpUrl.get("https://hf-mirror.com/api/models/x")));
        assertTrue(HubEndpoint.of("https://hf-mirror.com/", true)
                .mayReceiveToken(okhttp3.HttpUrl.get("https://hf-mirror.com/api/models/x")));
        var official = HubEndpoint.of(HubEndpoint.DEFAULT, false);
        assertTrue(official.mayReceiveToken(okhttp3.HttpUrl.get("https://huggingface.co/api/models/x")));
        assertFalse(official.mayReceiveToken(okhttp3.HttpUrl.get("https://cdn-lfs.huggingface.co/x")));
        assertEquals("https://hf-mirror.com/", HubEndpoint.resolve(new Environment(Map.of("HF_ENDPOINT",
                "https://hf-mirror.com/"), Path.of("/"), Environment.Os.LINUX), null, false).url().toString());
    }
}
