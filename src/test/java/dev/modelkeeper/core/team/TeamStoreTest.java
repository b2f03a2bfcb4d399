package dev.modelkeeper.core.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.hub.ResetProxy;
import dev.modelkeeper.testing.python.OfficialClient;
import dev.modelkeeper.testing.s3.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team store against a real S3 server (S3Proxy on loopback, signed requests): what one machine pushes,
 * another pulls with the Hub out of reach, and the official client loads it as its own; the store is not trusted.
 */
class TeamStoreTest {

    private static final List<String> FILES = List.of("config.json", "nested/tokenizer.json", "model.safetensors");
    private static final byte[] WEIGHTS = new byte[3_000_000];
    private static S3ProxyServer s3;
    @TempDir
    static Path serverDir;
    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        new Random(5).nextBytes(WEIGHTS);
        s3 = new S3ProxyServer(serverDir);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private static HubEmulator hub() throws Exception {
        var repo = FixtureRepo.model("org/tts");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{\"sr\":24000}").file(c, "nested/tokenizer.json", "{\"v\":[1,2]}")
                .lfsFile(c, "model.safetensors", WEIGHTS).ref("main", c);
        return new HubEmulator().add(repo);
    }

    private static HubClient client(HubEmulator hub) {
        return new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(0, d -> { }));
    }

    private static DownloadRequest request(Path cache) {
        return new DownloadRequest(RepoType.MODEL, "org/tts", "main", List.of(), List.of(), cache, false);
    }

    private static TeamStore store(String prefix, Map<String, String> env) throws OperationException {
        var all = new HashMap<>(s3.env());
        all.putAll(env);
        return new TeamStore(StoreConfig.of("s3://" + S3ProxyServer.BUCKET + "/" + prefix, null,
                Environment.of(all, Environment.Os.LINUX, "/nonexistent")), new OkHttpClient());
    }

    /** A cache filled from the Hub and pushed to the store under {@code prefix}. */
    private Path pushed(String prefix) throws Exception {
        Path cache = dir.resolve("first");
        try (var hub = hub()) {
            new DownloadOperation(client(hub), request(cache), 4).run(ProgressListener.NONE, Cancellation.create());
        }
        var result = new PushOperation(store(prefix, Map.of()), cache, RepoType.MODEL, "org/tts", "main", false)
                .run(ProgressListener.NONE, Cancellation.create());
        assertEquals(3, result.uploaded());
        return cache;
    }

    private static PullResult pull(String prefix, Path cache, Optional<HubClient> hub) throws Exception {
        return new PullOperation(store(prefix, Map.of()), hub, request(cache), 4)
                .run(ProgressListener.NONE, Cancellation.create());
    }

    @Test
    void aPushedRevisionPullsIntoAnEmptyCacheWithTheHubStoppedAndTheOfficialClientLoadsIt() throws Exception {
        Path first = pushed("p1");
        Path second = dir.resolve("second");
        var stopped = hub();
        HubClient unreachable = client(stopped);
        stopped.close();

        PullResult result = pull("p1", second, Optional.of(unreachable));

        assertEquals(0, result.bytesFromHub(), "0 B from the internet");
        assertEquals(WEIGHTS.length + 12 + 11, result.bytesFromStore());
        var env = Map.of("HF_HUB_CACHE", second.toString(), "HF_HUB_OFFLINE", "1");
        var args = new ArrayList<>(List.of("org/tts", "model", "main"));
        args.addAll(FILES);
        var out = new ObjectMapper().readTree(OfficialClient.runScript("hfh_load_offline.py", env,
                args.toArray(String[]::new)));
        assertEquals(CacheFixture.sha256(WEIGHTS), out.get("files").get("model.safetensors").asText());
        assertEquals(OfficialClient.comparableScan(first), OfficialClient.comparableScan(second));
    }

    @Test
    void aBlobWhoseBytesDoNotMatchItsNameNeverLandsAndIsReported() throws Exception {
        pushed("p2");
        String sha = CacheFixture.sha256(WEIGHTS);
        Path object = s3.bucketDir().resolve("p2/modelkeeper/v1/blobs/" + sha);
        byte[] damaged = WEIGHTS.clone();
        damaged[1000] ^= 1;
        Files.write(object, damaged);
        Path cache = dir.resolve("second");

        var e = assertThrows(OperationException.class, () -> pull("p2", cache, Optional.empty()));

        assertTrue(e.getMessage().contains("does not match its name"), e.getMessage());
        var layout = new HubLayout(cache, RepoType.MODEL, "org/tts");
        assertFalse(Files.exists(layout.blob(sha)));
        assertFalse(Files.exists(layout.incomplete(sha)));
    }

    @Test
    void aManifestWhoseBlobIsMissingIsRefusedWithNothingWritten() throws Exception {
        pushed("p3");
        Files.delete(s3.bucketDir().resolve("p3/modelkeeper/v1/blobs/" + CacheFixture.sha256(WEIGHTS)));
        Path cache = dir.resolve("second");

        var e = assertThrows(OperationException.class, () -> pull("p3", cache, Optional.empty()));

        assertTrue(e.getMessage().contains("which the store does not hold"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("models--org--tts")));
    }

    @Test
    void wrongCredentialsAreOneSentence() throws Exception {
        var store = store("p4", Map.of("AWS_SECRET_ACCESS_KEY", "wrong"));
        Path cache = dir.resolve("c");

        var e = assertThrows(OperationException.class, () -> new PullOperation(store, Optional.empty(), request(cache), 1)
                .run(ProgressListener.NONE, Cancellation.create()));

        assertTrue(e.getMessage().startsWith("The team store s3://models/p4 refused access"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "never shows the secret");
    }

    @Test
    void twoPushersOfTheSameRepoAtOnceBothSucceedWithOneCopyOfEachBlob() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (var hub = hub()) {
            new DownloadOperation(client(hub), request(a), 4).run(ProgressListener.NONE, Cancellation.create());
            new DownloadOperation(client(hub), request(b), 4).run(ProgressListener.NONE, Cancellation.create());
        }
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PushResult>> pushes = Stream.of(a, b).map(cache -> pool.submit(() ->
                    new PushOperation(store("p5", Map.of()), cache, RepoType.MODEL, "org/tts", "main", false)
                            .run(ProgressListener.NONE, Cancellation.create()))).toList();
            int uploaded = 0;
            for (var p : pushes) {
                PushResult r = p.get();
                assertEquals(3, r.uploaded() + r.present());
                uploaded += r.uploaded();
            }
            assertTrue(uploaded >= 3);
        } finally {
            pool.shutdownNow();
        }
        try (var blobs = Files.list(s3.bucketDir().resolve("p5/modelkeeper/v1/blobs"))) {
            assertEquals(3, blobs.count());
        }
        assertEquals(0, pull("p5", dir.resolve("c"), Optional.empty()).bytesFromHub());
    }
    @Test
    void aBucketThatDoesNotExistIsOneSentenceAndNothingIsWritten() throws Exception {
        var all = new HashMap<>(s3.env());
        var store = new TeamStore(StoreConfig.of("s3://no-such-bucket/p", null,
                Environment.of(all, Environment.Os.LINUX, "/nonexistent")), new OkHttpClient());
        Path cache = dir.resolve("c");

        var e = assertThrows(TeamStoreException.class, () -> new PullOperation(store, Optional.empty(), request(cache), 1)
                .run(ProgressListener.NONE, Cancellation.create()));

        assertEquals(TeamStoreException.Kind.NO_BUCKET, e.kind());
        assertTrue(e.getMessage().startsWith("There is no bucket \"no-such-bucket\" at " + s3.endpoint()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(Files.exists(cache));
    }

    @Test
    void aClosedPortIsOneSentenceAndNothingIsWritten() throws Exception {
        String closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        var store = store("p6", Map.of("AWS_ENDPOINT_URL_S3", closed));
        Path cache = dir.resolve("c");

        var e = assertThrows(TeamStoreException.class, () -> new PullOperation(store, Optional.empty(), request(cache), 1)
                .run(ProgressListener.NONE, Cancellation.create()));

        assertEquals(TeamStoreException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().startsWith("The team store at " + closed + " cannot be reached"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(Files.exists(cache));
    }

    @Test
    void aPushCancelledWhileUploadingLeavesNoBlobManifestOrRef() throws Exception {
        Path cache = dir.resolve("first");
        try (var hub = hub()) {
            new DownloadOperation(client(hub), request(cache), 4).run(ProgressListener.NONE, Cancellation.create());
        }
        var cancel = Cancellation.create();
        ProgressListener cancelAtFirstUpload = new ProgressListener() {
            @Override
            public void message(String text) {
                if (text.startsWith("Uploading blob")) {
                    cancel.cancel(); // the blob's first read then fails: the PUT ends unfinished
                }
            }
        };

        assertThrows(dev.modelkeeper.core.task.CancelledException.class, () -> new PushOperation(store("p7", Map.of()),
                cache, RepoType.MODEL, "org/tts", "main", false).run(cancelAtFirstUpload, cancel));

        assertFalse(Files.exists(s3.bucketDir().resolve("p7/modelkeeper/v1/manifests")));
        assertFalse(Files.exists(s3.bucketDir().resolve("p7/modelkeeper/v1/refs")));
        try (var left = Files.walk(s3.bucketDir())) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).filter(p -> p.toString().contains("/p7/")).toList());
        }
    }

    @Test
    void aConnectionResetMidObjectResumesAndEndsInACorrectCache() throws Exception {
        pushed("f1");
        Path cache = dir.resolve("second");
        try (var cut = new ResetProxy(java.net.URI.create(s3.endpoint()).getPort())) {
            // every connection is cut once it has carried 1.5 MB: only those of the 3 MB blob get that far, and
            // which connection the client uses for it is not known in advance
            cut.arm(100, 1_500_000);
            var store = store("f1", Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + cut.port()));

            var result = new PullOperation(store, Optional.empty(), request(cache), 4)
                    .run(ProgressListener.NONE, Cancellation.create());

            assertTrue(cut.resetsDone() >= 1, "the blob's connection was reset");
            assertTrue(result.bytesFromStore() >= WEIGHTS.length + 12 + 11, "all of it, some bytes perhaps twice");
        }
        var layout = new HubLayout(cache, RepoType.MODEL, "org/tts");
        String sha = CacheFixture.sha256(WEIGHTS);
        assertEquals(sha, CacheFixture.sha256(Files.readAllBytes(layout.blob(sha))));
        assertFalse(Files.exists(layout.incomplete(sha)));
        assertOnlyWholeBlobs(cache);
    }

    @Test
    void theBucketVanishingMidPullIsOneSentenceAndWhatLandedIsWhole() throws Exception {
        pushed("f2");
        Path cache = dir.resolve("second");
        var blobGets = new java.util.concurrent.atomic.AtomicInteger();
        // before the second blob is asked for, the bucket's folder goes: between files, not inside one
        var http = new OkHttpClient.Builder().addInterceptor(chain -> {
            var url = chain.request().url().encodedPath();
            if (chain.request().method().equals("GET") && url.contains("/blobs/") && blobGets.incrementAndGet() == 2) {
                deleteTree(s3.bucketDir());
            }
            return chain.proceed(chain.request());
        }).build();
        var all = new HashMap<>(s3.env());
        var store = new TeamStore(StoreConfig.of("s3://" + S3ProxyServer.BUCKET + "/f2", null,
                Environment.of(all, Environment.Os.LINUX, "/nonexistent")), http);
        try {
            var e = assertThrows(OperationException.class, () -> new PullOperation(store, Optional.empty(),
                    request(cache), 1).run(ProgressListener.NONE, Cancellation.create()));

            assertFalse(Files.exists(s3.bucketDir()));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("There is no bucket \"" + S3ProxyServer.BUCKET + "\""), e.getMessage());
            assertEquals(1, assertOnlyWholeBlobs(cache), "the blob fetched before the bucket went landed whole");
        } finally {
            Files.createDirectories(s3.bucketDir()); // the other tests push into it again
        }
    }

    /** Every blob in the cache matches its name; only {@code .incomplete} files (kept for resuming) may not. */
    private static int assertOnlyWholeBlobs(Path cache) throws Exception {
        Path blobs = new HubLayout(cache, RepoType.MODEL, "org/tts").blob("x").getParent();
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        int whole = 0;
        try (Stream<Path> files = Files.list(blobs)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".incomplete")) {
                    continue;
                }
                byte[] content = Files.readAllBytes(p);
                String actual = name.length() == 64 ? CacheFixture.sha256(content) : CacheFixture.gitSha1(content);
                assertEquals(name, actual, "a blob that does not match its name: " + p);
                whole++;
            }
        }
        return whole;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
