package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.FindingKind;
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

/** Large files over several ranged connections, and connection resets (TCP RST) during any download. */
class RangedDownloadTest {

    /** Over {@link RangedFetch#THRESHOLD}: five pieces of 16 MiB. */
    private static final byte[] BIG = new byte[70_000_000];
    private static final byte[] SMALL = new byte[3_000_000];
    private static final String BIG_SHA;
    private static final String SMALL_SHA;

    static {
        var rnd = new Random(11);
        rnd.nextBytes(BIG);
        rnd.nextBytes(SMALL);
        BIG_SHA = CacheFixture.sha256(BIG);
        SMALL_SHA = CacheFixture.sha256(SMALL);
    }

    @TempDir
    Path cache;
    private HubEmulator hub;
    private HubLayout layout;

    @BeforeEach
    void start() throws Exception {
        var repo = FixtureRepo.model("org/big");
        String c = repo.commit(1);
        repo.lfsFile(c, "model.safetensors", BIG).lfsFile(c, "small.bin", SMALL).ref("main", c);
        hub = new HubEmulator().withResettingCdn().add(repo);
        layout = new HubLayout(cache, RepoType.MODEL, "org/big");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private DownloadPlan download(String include, int connections, Cancellation cancel, ProgressListener progress)
            throws OperationException {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(5, d -> { }));
        var request = new DownloadRequest(RepoType.MODEL, "org/big", "main", List.of(include), List.of(), cache, false);
        return new DownloadOperation(client, request, 2, BandwidthLimit.NONE, connections).run(progress, cancel);
    }

    private DownloadPlan download(String include, int connections) throws OperationException {
        return download(include, connections, Cancellation.create(), ProgressListener.NONE);
    }

    private void assertBlob(String sha, byte[] content) throws Exception {
        assertArrayEquals(content, Files.readAllBytes(layout.blob(sha)));
        assertFalse(Files.exists(layout.parts(sha)), "no pieces left behind");
        assertFalse(Files.exists(layout.partsJournal(sha)), "no journal left behind");
        assertFalse(Files.exists(layout.incomplete(sha)), "no partial file left behind");
    }

    @Test
    void aLargeFileArrivesOverSeveralConnectionsEachByteOnce() throws Exception {
        var plan = download("model.safetensors", 4);

        assertBlob(BIG_SHA, BIG);
        assertEquals(BIG.length, hub.bytesServed(), "every byte served exactly once");
        assertEquals(BIG.length, Files.size(plan.snapshot().resolve("model.safetensors")));
    }

    @Test
    void aResetConnectionResumesItsPiece() throws Exception {
        hub.resetNextCdnConnections(3, 5_000_000);

        download("model.safetensors", 4);

        assertBlob(BIG_SHA, BIG);
        assertEquals(3, hub.cdnResets());
    }

    @Test
    void aResetSingleStreamResumesWithARange() throws Exception {
        hub.resetNextCdnConnections(2, 1_000_000);

        download("small.bin", 4);

        assertBlob(SMALL_SHA, SMALL);
        assertEquals(2, hub.cdnResets());
        // a restart would cost 1 MB + 1 MB + 3 MB; resuming costs the file plus what the resets swallowed
        assertTrue(hub.cdnBytesRelayed() < SMALL.length + 1_500_000, "resumed, not restarted: " + hub.cdnBytesRelayed());
    }

    @Test
    void connectionsResetBeforeAnyByteEndWithASentenceAndNoBlob() throws Exception {
        hub.resetNextCdnConnections(1000, 100); // inside the response headers, every time

        var e = assertThrows(OperationException.class, () -> download("small.bin", 4));

        // reset inside the headers the request fails as a whole: retried with the official backoff, then
        // reported as a connection problem
        assertTrue(e.getMessage().contains("Check the network"), e.getMessage());
        assertFalse(Files.exists(layout.blob(SMALL_SHA)), "no blob from a broken download");
    }

    @Test
    void aConnectionResetOverAndOverStillFinishesWhileBytesKeepArriving() throws Exception {
        hub.resetNextCdnConnections(1000, 400_000);

        download("small.bin", 1);

        assertBlob(SMALL_SHA, SMALL);
        assertTrue(hub.cdnResets() >= 7, "resets: " + hub.cdnResets());
    }

    @Test
    void aCorruptPieceNeverBecomesABlobAndTheNextTryIsClean() throws Exception {
        hub.damageNext(BodyFault.CORRUPT);

        var e = assertThrows(OperationException.class, () -> download("model.safetensors", 4));

        assertTrue(e.getMessage().contains("did not match its checksum"), e.getMessage());
        assertFalse(Files.exists(layout.blob(BIG_SHA)));
        assertFalse(Files.exists(layout.parts(BIG_SHA)), "the bad bytes were discarded");
        download("model.safetensors", 4);
        assertBlob(BIG_SHA, BIG);
    }

    @Test
    void aCancelledRangedDownloadIsAPartialDownloadToTheScannerAndResumes() throws Exception {
        hub.throttle(20_000_000); // per connection: the cancel lands mid-download
        var cancel = Cancellation.create();
        ProgressListener stopAfterAPiece = new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                if (done > 20_000_000) {
                    cancel.cancel();
                }
            }
        };
        assertThrows(CancelledException.class, () -> download("model.safetensors", 4, cancel, stopAfterAPiece));
        assertTrue(Files.exists(layout.partsJournal(BIG_SHA)));
        long servedBefore = hub.bytesServed();
        long kept = RangeJournal.load(layout.partsJournal(BIG_SHA), BIG_SHA, BIG.length).doneBytes();
        assertTrue(kept > 0 && kept < BIG.length, "kept " + kept);
        hub.throttle(0);

        var scan = new CacheScanner(new BasicFileSystemProbe()).scan(CacheRoot.user(cache), ScanListener.NONE,
                ProgressListener.NONE, Cancellation.create());
        var partialFindings = scan.allFindings().stream().filter(f -> f.kind() == FindingKind.INCOMPLETE_FILE).count();
        var orphanFindings = scan.allFindings().stream().filter(f -> f.kind() == FindingKind.ORPHAN_BLOB).count();
        assertEquals(2, partialFindings, "the pieces and their journal: " + scan.allFindings());
        assertEquals(0, orphanFindings, scan.allFindings().toString());

        download("model.safetensors", 4);

        assertBlob(BIG_SHA, BIG);
        long again = hub.bytesServed() - servedBefore;
        // bytes still in flight when the cancel landed (socket buffers, up to one read per connection) are
        // counted as served but never reached the file: they are the only ones fetched twice
        long inFlight = 4L * (1 << 20);
        assertTrue(again >= BIG.length - kept && again <= BIG.length - kept + inFlight,
                "only the missing bytes were fetched: " + again + " for " + (BIG.length - kept) + " missing");
    }

    @Test
    void aPartialFileOfTheOfficialClientIsTakenOver() throws Exception {
        Files.createDirectories(layout.repo().resolve("blobs"));
        Files.write(layout.incomplete(BIG_SHA), java.util.Arrays.copyOf(BIG, 10_000_000));

        download("model.safetensors", 4);

        assertBlob(BIG_SHA, BIG);
        assertEquals(BIG.length - 10_000_000, hub.bytesServed());
    }

    @Test
    void aServerThatIgnoresRangesGetsOneStream() throws Exception {
        hub.ignoreRanges();

        download("model.safetensors", 4);

        assertBlob(BIG_SHA, BIG);
        long headers = 64 * 1024; // the relay counts response headers too
        assertTrue(hub.cdnBytesRelayed() <= 2L * BIG.length + headers,
                "at most one wasted answer: " + hub.cdnBytesRelayed());
    }
}
