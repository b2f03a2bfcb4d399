package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.hub.HubEmulator.BodyFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadOperationTest {

    private static final byte[] WEIGHTS = new byte[2_000_000];
    @TempDir
    Path cache;
    private HubEmulator hub;
    private String main;

    static {
        new Random(3).nextBytes(WEIGHTS);
    }

    @BeforeEach
    void start() throws Exception {
        var repo = FixtureRepo.model("org/name");
        main = repo.commit(1);
        repo.file(main, "config.json", "{}").file(main, "sub/dir/tok.json", "{\"t\":1}")
                .lfsFile(main, "model.safetensors", WEIGHTS).file(main, "README.md", "# hi").ref("main", main);
        hub = new HubEmulator().withCdn().add(repo);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private DownloadPlan download(List<String> include, boolean dryRun) throws OperationException {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(5, d -> { }));
        return new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/name", "main", include, List.of(),
                cache, dryRun), 4).run(ProgressListener.NONE, Cancellation.create());
    }

    private DownloadPlan download() throws OperationException {
        return download(List.of(), false);
    }

    @Test
    void writesTheOfficialLayout() throws Exception {
        download();

        var layout = new HubLayout(cache, RepoType.MODEL, "org/name");
        assertEquals(main, Files.readString(layout.ref("main")), "no newline");
        String sha = CacheFixture.sha256(WEIGHTS);
        assertEquals(Path.of("../../blobs/" + sha), Files.readSymbolicLink(layout.pointer(main, "model.safetensors")));
        assertEquals(Path.of("../../../../blobs/" + CacheFixture.gitSha1("{\"t\":1}".getBytes())),
                Files.readSymbolicLink(layout.pointer(main, "sub/dir/tok.json")));
        assertTrue(Files.readString(layout.tree(main)).contains("\"lfs_sha256\" : \"" + sha + "\""));
        assertTrue(Files.readString(cache.resolve("CACHEDIR.TAG")).startsWith("Signature: 8a477f597d28d172789f06886806bc55"));
        assertTrue(Files.exists(layout.lock(sha)), "the lock file stays, as the official client leaves it");
        try (var blobs = Files.list(layout.repo().resolve("blobs"))) {
            assertEquals(4, blobs.count(), "no partial file left behind");
        }
        var scan = new CacheScanner(new BasicFileSystemProbe()).scan(CacheRoot.user(cache), ScanListener.NONE,
                ProgressListener.NONE, Cancellation.create());
        assertEquals(List.of(), scan.allFindings());
        assertEquals(WEIGHTS.length + 2 + 7 + 4, scan.repos().getFirst().sizeOnDisk());
    }

    @Test
    void aSecondDownloadTransfersNothing() throws Exception {
        download();
        long served = hub.bytesServed();

        var plan = download();

        assertEquals(served, hub.bytesServed());
        assertEquals(4, plan.count(DownloadPlan.Action.PRESENT));
    }

    @Test
    void dryRunListsWhatWouldBeFetchedAndWritesNothing() throws Exception {
        var plan = download(List.of("*.safetensors", "sub/"), true);

        assertEquals(List.of("model.safetensors", "sub/dir/tok.json"), plan.files().stream()
                .map(DownloadPlan.Item::path).toList());
        assertEquals(WEIGHTS.length + 7, plan.bytesToFetch());
        try (var left = Files.list(cache)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aCorruptedByteNeverBecomesABlob() throws Exception {
        hub.damageNext(BodyFault.CORRUPT);
        var layout = new HubLayout(cache, RepoType.MODEL, "org/name");

        var e = assertThrows(OperationException.class, () -> download(List.of("*.safetensors"), false));

        assertTrue(e.getMessage().contains("did not match its checksum"), e.getMessage());
        String sha = CacheFixture.sha256(WEIGHTS);
        assertFalse(Files.exists(layout.blob(sha)));
        assertFalse(Files.exists(layout.incomplete(sha)));
        assertFalse(Files.exists(layout.pointer(main, "model.safetensors")));
        download(List.of("*.safetensors"), false);
        assertTrue(Files.exists(layout.blob(sha)), "a second try succeeds");
    }

    @Test
    void fileRequestsThatAreRateLimitedOrFailWaitAndRetry() throws Exception {
        var slept = new java.util.ArrayList<java.time.Duration>();
        hub.failNextFileRequests(new HubEmulator.Fault(429, java.util.Map.of("Retry-After", "7")),
                new HubEmulator.Fault(500, java.util.Map.of()), new HubEmulator.Fault(503, java.util.Map.of()));
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(5, slept::add));

        new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/name", "main", List.of("*.safetensors"),
                List.of(), cache, false), 1).run(ProgressListener.NONE, Cancellation.create());

        assertEquals(List.of(java.time.Duration.ofSeconds(8), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(4)), slept);
        assertTrue(Files.exists(new HubLayout(cache, RepoType.MODEL, "org/name").blob(CacheFixture.sha256(WEIGHTS))));
    }

    @Test
    void aFileThatKeepsFailingEndsWithAPlainErrorAndNoBlob() {
        for (int i = 0; i < 6; i++) {
            hub.failNextFileRequests(new HubEmulator.Fault(502, java.util.Map.of()));
        }
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(5, d -> { }));

        var e = assertThrows(OperationException.class, () -> new DownloadOperation(client, new DownloadRequest(
                RepoType.MODEL, "org/name", "main", List.of("*.safetensors"), List.of(), cache, false), 1)
                .run(ProgressListener.NONE, Cancellation.create()));

        assertTrue(e.getMessage().contains("Try again in a moment"), e.getMessage());
        assertFalse(Files.exists(new HubLayout(cache, RepoType.MODEL, "org/name").blob(CacheFixture.sha256(WEIGHTS))));
    }

    @Test
    void aPrivateRepoDownloadsWithTheTokenAndIsNotFoundWithoutIt() throws Exception {
        hub.makePrivate("models", "org/name", "hf_owner");
        var request = new DownloadRequest(RepoType.MODEL, "org/name", "main", List.of("config.json"), List.of(), cache,
                false);
        var anonymous = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.none());
        var e = assertThrows(dev.modelkeeper.core.hub.HubException.class, () -> new DownloadOperation(anonymous,
                request, 1).run(ProgressListener.NONE, Cancellation.create()));
        assertEquals(dev.modelkeeper.core.hub.HubException.Kind.REPO_NOT_FOUND, e.kind());

        var env = new dev.modelkeeper.core.env.Environment(java.util.Map.of("HF_TOKEN", "hf_owner"), cache,
                dev.modelkeeper.core.env.Environment.Os.LINUX);
        var owner = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), true),
                dev.modelkeeper.core.hub.HubToken.resolve(env, cache, null), RetryPolicy.none());
        new DownloadOperation(owner, request, 1).run(ProgressListener.NONE, Cancellation.create());
        assertTrue(Files.exists(new HubLayout(cache, RepoType.MODEL, "org/name").pointer(main, "config.json")));
    }

    @Test
    void aTruncatedStreamIsResumedWithARange() throws Exception {
        hub.damageNext(BodyFault.TRUNCATE);

        download(List.of("*.safetensors"), false);

        assertEquals(WEIGHTS.length, hub.bytesServed(), "half, then the other half: nothing fetched twice");
        var layout = new HubLayout(cache, RepoType.MODEL, "org/name");
        assertEquals(WEIGHTS.length, Files.size(layout.blob(CacheFixture.sha256(WEIGHTS))));
    }

    @Test
    void aPartialFileFromAnEarlierRunIsResumed() throws Exception {
        var layout = new HubLayout(cache, RepoType.MODEL, "org/name");
        String sha = CacheFixture.sha256(WEIGHTS);
        Files.createDirectories(layout.repo().resolve("blobs"));
        Files.write(layout.incomplete(sha), java.util.Arrays.copyOf(WEIGHTS, 1_500_000));

        download(List.of("*.safetensors"), false);

        assertEquals(500_000, hub.bytesServed());
        assertTrue(Files.exists(layout.blob(sha)));
    }

    @Test
    void anInterrupted200MegabyteDownloadResumesKeepingWhatItHad() throws Exception {
        byte[] big = new byte[200_000_000];
        for (int i = 0; i < big.length; i += 4096) {
            big[i] = (byte) (i >> 12);
        }
        var repo = FixtureRepo.model("org/big");
        String c = repo.commit(1);
        repo.lfsFile(c, "model.safetensors", big).ref("main", c);
        hub.add(repo);
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.none());
        var request = new DownloadRequest(RepoType.MODEL, "org/big", "main", List.of(), List.of(), cache, false);
        var cancel = Cancellation.create();
        var fetchedBefore = new java.util.concurrent.atomic.AtomicLong();
        ProgressListener stopHalfway = new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                if (done >= total / 2 && !cancel.isCancelled()) {
                    fetchedBefore.set(done);
                    cancel.cancel();
                }
            }
        };

        hub.throttle(40_000_000); // per connection: the progress poll (every 200 ms) sees the halfway mark
        assertThrows(CancelledException.class, () -> new DownloadOperation(client, request, 1).run(stopHalfway, cancel));
        hub.throttle(0);
        long servedFirst = hub.bytesServed();
        new DownloadOperation(client, request, 1).run(ProgressListener.NONE, Cancellation.create());

        long refetched = hub.bytesServed() - big.length;
        System.out.printf("resume: served %,d bytes before the cancel, %,d of them again after it%n", servedFirst,
                refetched);
        assertTrue(fetchedBefore.get() >= big.length / 2, "stopped at " + fetchedBefore.get());
        assertTrue(servedFirst >= big.length / 2, "the emulator counted the first part: " + servedFirst);
        assertTrue(refetched <= servedFirst / 10, "fetched twice: " + refetched + " of " + servedFirst);
        assertEquals(big.length, Files.size(new HubLayout(cache, RepoType.MODEL, "org/big")
                .blob(CacheFixture.sha256(big))));
    }

    @Test
    void cancellingStopsTheDownloadAndKeepsThePartialForLater() throws Exception {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.none());
        var cancel = Cancellation.create();
        var op = new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/name", "main", List.of(),
                List.of(), cache, false), 1);
        ProgressListener cancelOnFirstBytes = new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                if (done > 0) {
                    cancel.cancel();
                }
            }
        };
        hub.damageNext(BodyFault.STALL);

        assertThrows(CancelledException.class, () -> op.run(cancelOnFirstBytes, cancel));
        var layout = new HubLayout(cache, RepoType.MODEL, "org/name");
        try (var blobs = Files.list(layout.repo().resolve("blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.getFileName().toString().length() == 64
                    && !p.toString().endsWith(".incomplete")), "no unverified blob");
        }
    }
}
