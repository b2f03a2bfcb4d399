package dev.modelkeeper.core.repair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.repair.RepairAction.Kind;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every defect kind is repaired: only the broken files' bytes are downloaded (counted at the emulator),
 * healthy blobs keep their inode and mtime, and a verify afterwards is clean.
 */
class RepairOperationTest {

    private static final byte[] WEIGHTS = bytes(400_000, 1);
    private static final byte[] EXTRA = bytes(200_000, 2);
    private static final byte[] OTHER = bytes(100_000, 3);

    @TempDir
    Path cache;
    private HubEmulator hub;
    private FixtureRepo fixture;
    private String c1;
    private String c2;
    private HubLayout layout;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @BeforeEach
    void downloaded() throws Exception {
        fixture = FixtureRepo.model("org/tts");
        c1 = fixture.commit(1);
        fixture.file(c1, "config.json", "{\"v\":1}").file(c1, "tokenizer.json", "{\"tok\":true}")
                .lfsFile(c1, "model.safetensors", WEIGHTS).lfsFile(c1, "sub/extra.bin", EXTRA).ref("main", c1);
        c2 = fixture.commit(2);
        fixture.file(c2, "config.json", "{\"v\":2}").lfsFile(c2, "other.bin", OTHER).ref("v2", c2);
        hub = new HubEmulator().withCdn().add(fixture);
        new DownloadOperation(client(), new DownloadRequest(RepoType.MODEL, "org/tts", "main", List.of(), List.of(),
                cache, false), 2).run(ProgressListener.NONE, Cancellation.create());
        layout = new HubLayout(cache, RepoType.MODEL, "org/tts");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubClient client() {
        return new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(2, d -> { }));
    }

    private String etag(String commit, String path) {
        return fixture.files(commit).get(path).etag();
    }

    private VerifyReport verify() throws Exception {
        return new VerifyOperation(VerifyScope.root(CacheRoot.user(cache)), VerdictStore.inMemory(),
                VerifyListener.NONE, 2, Optional.empty()).run(ProgressListener.NONE, Cancellation.create());
    }

    private RepairResult repair(VerifyReport report, boolean online, boolean orphans) throws Exception {
        RepairPlan plan = new RepairPlanner(orphans).plan(report.findings());
        return new RepairOperation(plan, online ? Optional.of(client()) : Optional.empty(), BandwidthLimit.NONE)
                .run(ProgressListener.NONE, Cancellation.create());
    }

    private static void flip(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x55;
        Files.write(file, b);
    }

    private static Object identity(Path file) throws Exception {
        var a = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(a.fileKey(), a.lastModifiedTime());
    }

    @Test
    void everyBrokenFileIsFetchedAgainAndNothingElse() throws Exception {
        String model = etag(c1, "model.safetensors");
        String extra = etag(c1, "sub/extra.bin");
        String config = etag(c1, "config.json");
        String tokenizer = etag(c1, "tokenizer.json");
        flip(layout.blob(model));                                   // flipped byte
        try (var ch = java.nio.channels.FileChannel.open(layout.blob(extra), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(1000);                                      // truncated
        }
        Files.delete(layout.blob(config));                          // missing blob: a dangling link
        Files.writeString(layout.ref("main"), c1 + "\n");           // ref with a newline
        Path stale = layout.repo().resolve("blobs").resolve(CacheFixture.sha256(new byte[] {9}) + ".incomplete");
        Files.write(stale, new byte[1234]);                         // stale partial
        Path orphan = layout.blob(CacheFixture.sha256(new byte[] {7}));
        Files.write(orphan, new byte[] {7});                        // orphan
        Object healthy = identity(layout.blob(tokenizer));
        long servedBefore = hub.bytesServed();

        var before = verify();
        var kinds = before.findings().stream().map(VerifyFinding::kind).toList();
        assertTrue(kinds.containsAll(List.of(FindingKind.CHECKSUM_MISMATCH, FindingKind.DANGLING_LINK,
                FindingKind.REF_TRAILING_NEWLINE, FindingKind.INCOMPLETE_FILE, FindingKind.ORPHAN_BLOB)), kinds.toString());
        var plan = new RepairPlanner(true).plan(before.findings());
        assertEquals(List.of(), plan.manual());
        assertEquals(WEIGHTS.length + EXTRA.length + 7, plan.bytesToFetch(), plan.actions().toString());

        var result = repair(before, true, true);

        assertTrue(result.complete(), result.toString());
        var after = verify();
        assertEquals(List.of(), after.findings());
        assertFalse(after.problemsRemain());
        assertEquals(WEIGHTS.length + EXTRA.length + "{\"v\":1}".length(), hub.bytesServed() - servedBefore,
                "only the broken files' bytes");
        assertEquals(healthy, identity(layout.blob(tokenizer)), "a healthy blob is not touched");
        assertEquals(c1, Files.readString(layout.ref("main")));
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(orphan));
        assertArrayEquals(WEIGHTS, Files.readAllBytes(layout.pointer(c1, "model.safetensors")));
        try (var blobs = Files.list(layout.repo().resolve("blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.toString().endsWith(".repair-aside")), "nothing left aside");
        }
    }

    @Test
    void orphansAreLeftAloneUnlessAskedFor() throws Exception {
        Path orphan = layout.blob(CacheFixture.sha256(new byte[] {7}));
        Files.write(orphan, new byte[] {7});

        var plan = new RepairPlanner(false).plan(verify().findings());

        assertEquals(0, plan.count(Kind.DELETE_ORPHAN));
        assertEquals(1, plan.manual().size());
        repair(verify(), true, false);
        assertTrue(Files.exists(orphan));
    }

    @Test
    void aLinkLeavingTheRepoIsPointedBackAtTheRepoBlobWithoutDownloading() throws Exception {
        Path entry = layout.pointer(c1, "tokenizer.json");
        Path outside = cache.resolveSibling(cache.getFileName() + "-outside.json");
        Files.copy(entry, outside);
        Files.delete(entry);
        Files.createSymbolicLink(entry, outside);
        long servedBefore = hub.bytesServed();

        var result = repair(verify(), true, false);

        assertTrue(result.complete(), result.toString());
        assertEquals(0, hub.bytesServed() - servedBefore);
        assertEquals(Path.of("../../blobs/" + etag(c1, "tokenizer.json")), Files.readSymbolicLink(entry));
        assertEquals(List.of(), verify().findings());
        Files.delete(outside);
    }

    @Test
    void aRefToAMissingSnapshotGetsItsRevisionDownloaded() throws Exception {
        Files.writeString(layout.ref("v2"), c2);

        var before = verify();
        assertTrue(before.findings().stream().anyMatch(f -> f.kind() == FindingKind.REF_TO_MISSING_SNAPSHOT));
        var result = repair(before, true, false);

        assertTrue(result.complete(), result.toString());
        assertArrayEquals(OTHER, Files.readAllBytes(layout.pointer(c2, "other.bin")));
        assertEquals(List.of(), verify().findings());
    }

    @Test
    void offlineRepairDoesWhatNeedsNoNetworkAndSaysWhatIsLeft() throws Exception {
        String model = etag(c1, "model.safetensors");
        flip(layout.blob(model));
        byte[] damaged = Files.readAllBytes(layout.blob(model));
        Files.writeString(layout.ref("main"), c1 + "\n");

        var result = repair(verify(), false, false);

        assertEquals(List.of(Kind.FETCH_BLOB), result.needNetwork().stream().map(RepairAction::kind).toList());
        assertEquals(List.of(Kind.REWRITE_REF), result.done().stream().map(RepairAction::kind).toList());
        assertEquals(c1, Files.readString(layout.ref("main")));
        assertArrayEquals(damaged, Files.readAllBytes(layout.blob(model)), "the blob waits for a connection, untouched");
    }

    @Test
    void aFailedFetchPutsTheOriginalBackAsItWas() throws Exception {
        String model = etag(c1, "model.safetensors");
        flip(layout.blob(model));
        byte[] damaged = Files.readAllBytes(layout.blob(model));
        var report = verify();
        hub.damageNext(HubEmulator.BodyFault.CORRUPT, HubEmulator.BodyFault.CORRUPT, HubEmulator.BodyFault.CORRUPT);

        var result = repair(report, true, false);

        assertEquals(1, result.failed().size(), result.toString());
        assertTrue(result.failed().getFirst().reason().contains("checksum"), result.failed().getFirst().reason());
        String zh = result.failed().getFirst().reason(java.util.Locale.SIMPLIFIED_CHINESE);
        assertTrue(zh.contains("校验和"), "the window shows the failure in its own language: " + zh);
        assertArrayEquals(damaged, Files.readAllBytes(layout.blob(model)), "the original state comes back");
        assertFalse(Files.exists(layout.blob(model).resolveSibling(model + ".repair-aside")));
    }

    @Test
    void aCorruptCopyModeFileIsReplacedInPlace() throws Exception {
        String model = etag(c1, "model.safetensors");
        Path entry = layout.pointer(c1, "model.safetensors");
        Files.delete(entry);
        Files.move(layout.blob(model), entry); // what the official client does without symlinks
        flip(entry);

        var before = verify();
        var result = repair(before, true, false);

        assertTrue(result.complete(), result.toString());
        assertFalse(Files.isSymbolicLink(entry), "still copy mode");
        assertArrayEquals(WEIGHTS, Files.readAllBytes(entry));
        assertFalse(Files.exists(layout.blob(model), LinkOption.NOFOLLOW_LINKS), "no blob left, as in copy mode");
        assertEquals(List.of(), verify().findings());
    }

    @Test
    void aBadTorchCheckpointIsDeletedForTorchToFetchAgain() throws Exception {
        Path checkpoints = cache.resolve("torch/hub/checkpoints");
        Files.createDirectories(checkpoints);
        byte[] good = bytes(5000, 7);
        String prefix = CacheFixture.sha256(good).substring(0, 8);
        Path bad = checkpoints.resolve("vgg11-" + prefix + ".pth");
        Files.write(bad, bytes(5000, 8));
        Path fine = checkpoints.resolve("resnet18-" + prefix + ".pth");
        Files.write(fine, good);
        var report = new VerifyOperation(VerifyScope.root(CacheRoot.user(cache.resolve("torch/hub"))),
                VerdictStore.inMemory(), VerifyListener.NONE, 2, Optional.empty())
                .run(ProgressListener.NONE, Cancellation.create());

        var result = repair(report, false, false);

        assertEquals(List.of(Kind.DELETE_CHECKPOINT), result.done().stream().map(RepairAction::kind).toList());
        assertFalse(Files.exists(bad));
        assertTrue(Files.exists(fine));
    }
}
