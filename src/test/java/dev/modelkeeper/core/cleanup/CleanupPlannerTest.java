package dev.modelkeeper.core.cleanup;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.LockProbe;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.cleanup.CleanupPlan.Kind;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupPlannerTest {

    @TempDir
    Path dir;

    private final byte[] shared = new byte[3000];
    private final byte[] onlyOld = new byte[1000];

    /** Two revisions sharing one weight file; the old one detached, with a file of its own. */
    private RepoFixture twoRevisions() {
        return new CacheFixture(dir).model("org/m")
                .lfsFile(commit(1), "w.bin", shared).lfsFile(commit(1), "old.bin", onlyOld)
                .lfsFile(commit(2), "w.bin", shared).file(commit(2), "config.json", "{}")
                .ref("main", commit(2));
    }

    private CleanupPlanner planner(LockProbe locks) throws Exception {
        CacheScan scan = new CacheScanner(new BasicFileSystemProbe(), locks).scan(CacheRoot.user(dir), ScanListener.NONE,
                ProgressListener.NONE, Cancellation.create());
        return new CleanupPlanner(List.of(scan), locks, InUseCheck.NONE);
    }

    private static List<CleanupTarget> targets(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> CleanupTarget.parse(t).orElseThrow()).toList();
    }

    private static List<Path> paths(CleanupPlan plan, Kind kind) {
        return plan.of(kind).stream().map(CleanupPlan.Removal::path).toList();
    }

    @Test
    void aBlobSharedByTwoRevisionsSurvivesDeletingOne() throws Exception {
        var repo = twoRevisions();

        CleanupPlan plan = planner(LockProbe.NONE).remove(targets(commit(1)));

        assertEquals(1000, plan.expectedFreedSize());
        assertEquals(List.of(repo.blob(repo.etag(commit(1), "old.bin"))), paths(plan, Kind.BLOB));
        assertEquals(repo.blob(repo.etag(commit(2), "w.bin")), plan.keptShared().getFirst().path());
        assertEquals(List.of(repo.snapshot(commit(1))), plan.of(Kind.SNAPSHOT).stream().map(r -> r.path()).toList());
    }

    @Test
    void refsGoWithTheirRevisionAndAllRevisionsMeanTheWholeRepo() throws Exception {
        var repo = twoRevisions();

        CleanupPlan one = planner(LockProbe.NONE).remove(targets(commit(2)));
        CleanupPlan all = planner(LockProbe.NONE).remove(targets("model/org/m"));

        assertEquals(List.of(repo.dir().resolve("refs/main")), one.of(Kind.REF).stream().map(r -> r.path()).toList());
        assertEquals(2, one.expectedFreedSize()); // config.json only: w.bin stays for commit 1
        assertEquals(4002, all.expectedFreedSize());
        assertEquals(List.of(repo.dir()), all.of(Kind.REPO).stream().map(r -> r.path()).toList());
        assertEquals(all.expectedFreedSize(), planner(LockProbe.NONE).remove(targets("hf://models/org/m")).expectedFreedSize());
    }

    /**
     * The 2.0 shared blob store (hub-cache-spec §2.9): two repos whose blob is a link into the marked
     * {@code CACHE/blobs/<xx>/<xethash>} with a manifest naming both. Deleting one repo keeps the payload (the other
     * still links it); deleting the second frees it, manifest and all.
     */
    @Test
    void aSharedStorePayloadSurvivesDeletingOneOfItsTwoRepos() throws Exception {
        var cache = new CacheFixture(dir);
        var a = cache.model("org/a").lfsFile(commit(1), "w.bin", shared).ref("main", commit(1));
        var b = cache.model("org/b").lfsFile(commit(2), "w.bin", shared).ref("main", commit(2));
        String etag = a.etag(commit(1), "w.bin");
        String xet = "ab".repeat(32);
        Path store = Files.createDirectories(dir.resolve("blobs/ab"));
        Files.writeString(dir.resolve("blobs/.huggingface-shared-blobs"), "1\n");
        Path payload = store.resolve(xet);
        Files.write(payload, shared);
        Files.writeString(store.resolve(xet + ".refs"), "models--org--a/blobs/" + etag + "\nmodels--org--b/blobs/"
                + etag + "\n");
        for (var repo : List.of(a, b)) {
            Files.delete(repo.blob(etag));
            Files.createSymbolicLink(repo.blob(etag), Path.of("../../blobs/ab/" + xet));
        }

        CleanupPlan justA = planner(LockProbe.NONE).remove(targets("model/org/a"));
        new CleanupOperation(justA, new Disposal.Permanent()).run(ProgressListener.NONE, Cancellation.create());

        assertTrue(Files.isRegularFile(payload), "org/b still links the payload");
        assertArrayEquals(shared, Files.readAllBytes(b.snapshot(commit(2)).resolve("w.bin")), "org/b still reads it");
        assertFalse(Files.exists(dir.resolve("models--org--a")));

        CleanupPlan thenB = planner(LockProbe.NONE).remove(targets("model/org/b"));
        new CleanupOperation(thenB, new Disposal.Permanent()).run(ProgressListener.NONE, Cancellation.create());

        assertFalse(Files.exists(payload), "no repo links it any more: freed");
        assertFalse(Files.exists(dir.resolve("models--org--b")));
    }

    /** Carried out to the trash, a whole repo is one item; deleted for good, every removal stays as planned. */
    @Test
    void aWholeRepoGoesToTheTrashAsOneItem() throws Exception {
        twoRevisions();
        CleanupPlan plan = planner(LockProbe.NONE).remove(targets("model/org/m"));
        Disposal trash = new Disposal() {
            @Override
            public void dispose(Path path) {
            }

            @Override
            public CleanupPlan.Fate fateFor(Path root) {
                return CleanupPlan.Fate.TRASH;
            }
        };

        CleanupPlan carried = plan.withFates(trash).asCarriedOut();
        CleanupPlan permanent = plan.withFates(new Disposal.Permanent()).asCarriedOut();

        assertEquals(List.of(dir.resolve("models--org--m")), carried.removals().stream().map(CleanupPlan.Removal::path)
                .toList());
        assertEquals(plan.expectedFreedSize(), carried.expectedFreedSize(), "the repo carries the bytes it frees");
        assertEquals(plan.removals().size(), permanent.removals().size());
        assertTrue(plan.removals().size() > 1);
    }

    @Test
    void aHardLinkedBlobCountsOnceAndOnlyWithItsLastLink() throws Exception {
        var cache = new CacheFixture(dir);
        var a = cache.model("org/a").lfsFile(commit(1), "w.bin", shared).ref("main", commit(1));
        var b = cache.model("org/b").lfsFile(commit(2), "w.bin", shared).ref("main", commit(2));
        String etag = a.etag(commit(1), "w.bin");
        Files.delete(b.blob(etag));
        Files.createLink(b.blob(etag), a.blob(etag)); // deduplicated: one inode, two names

        CleanupPlan justA = planner(LockProbe.NONE).remove(targets("model/org/a"));
        CleanupPlan both = planner(LockProbe.NONE).remove(targets("model/org/a", "model/org/b"));

        assertEquals(0, justA.expectedFreedSize());
        assertEquals(a.blob(etag), justA.keptShared().getFirst().path());
        assertEquals(3000, both.expectedFreedSize());
    }

    @Test
    void oneFileOfOneSnapshotGoesAloneAndItsBlobStaysWhileAnotherSnapshotLinksIt() throws Exception {
        var repo = twoRevisions();

        CleanupPlan shared = planner(LockProbe.NONE).remove(targets("hf://models/org/m@" + commit(1) + "/w.bin"));
        CleanupPlan everywhere = planner(LockProbe.NONE).remove(targets("hf://models/org/m/w.bin"));

        assertEquals(List.of(repo.snapshot(commit(1)).resolve("w.bin")), paths(shared, Kind.FILE));
        assertEquals(0, shared.expectedFreedSize());
        assertTrue(shared.of(Kind.SNAPSHOT).isEmpty() && shared.of(Kind.REF).isEmpty());
        assertEquals(2, everywhere.of(Kind.FILE).size());
        assertEquals(3000, everywhere.expectedFreedSize());
    }

    @Test
    void runningThePlanRemovesLinksSnapshotsAndBlobsButNotSharedOnes() throws Exception {
        var repo = twoRevisions();
        CleanupPlan plan = planner(LockProbe.NONE).remove(targets(commit(1)));

        CleanupResult result = new CleanupOperation(plan, new Disposal.Permanent()).run(ProgressListener.NONE,
                Cancellation.create());

        assertEquals(1000, result.freedBytes());
        assertTrue(result.failed().isEmpty());
        assertFalse(Files.exists(repo.snapshot(commit(1))));
        assertFalse(Files.exists(repo.blob(repo.etag(commit(1), "old.bin"))));
        assertTrue(Files.exists(repo.blob(repo.etag(commit(2), "w.bin"))));
        assertTrue(Files.exists(repo.dir().resolve("refs/main")));
    }

    @Test
    void aHeldLockRefusesTheRepoWithTheReason() throws Exception {
        twoRevisions();
        Path lock = dir.resolve(".locks/models--org--m/" + "a".repeat(64) + ".lock");
        Files.createDirectories(lock.getParent());
        Files.createFile(lock);

        CleanupPlan plan = planner(lock::equals).remove(targets("model/org/m"));

        assertTrue(plan.isEmpty());
        assertEquals("cleanup.refused.locked", plan.refused().getFirst().reason().key());
        assertTrue(plan.refused().getFirst().reason().render(java.util.Locale.ENGLISH).contains(lock.toString()));
    }

    @Test
    void pruneTakesDetachedRevisionsStalePartialsOrphansStaleLocksAndEmptyFolders() throws Exception {
        var repo = twoRevisions().orphanBlob(new byte[70]).incomplete("f".repeat(64) + ".incomplete", 30);
        Files.createDirectories(dir.resolve(".locks/models--gone--x"));
        Files.createFile(dir.resolve(".locks/models--gone--x/" + "b".repeat(64) + ".lock"));
        Files.createDirectories(repo.dir().resolve(".no_exist/" + commit(2)));

        CleanupPlan plan = planner(LockProbe.NONE).prune(PruneRules.DEFAULT, Instant.now());

        assertEquals(List.of(repo.snapshot(commit(1))), plan.of(Kind.SNAPSHOT).stream().map(r -> r.path()).toList());
        assertEquals(1, plan.of(Kind.ORPHAN_BLOB).size());
        assertEquals(1, plan.of(Kind.PARTIAL).size());
        assertEquals(List.of(dir.resolve(".locks/models--gone--x")), paths(plan, Kind.STALE_LOCKS));
        assertEquals(List.of(repo.dir().resolve(".no_exist")), plan.of(Kind.EMPTY_FOLDER).stream().map(r -> r.path()).toList());
        assertEquals(1000 + 70 + 30, plan.expectedFreedSize());
        assertTrue(planner(LockProbe.NONE).prune(new PruneRules(Optional.of(java.time.Duration.ofDays(90)),
                Optional.empty()), Instant.now().plus(java.time.Duration.ofDays(91))).of(Kind.REF).size() == 1);
    }

    @Test
    void targetsAreReadAsTheOfficialCommandReadsThem() {
        assertEquals(new CleanupTarget.WholeRepo(dev.modelkeeper.core.cache.RepoType.DATASET, "org/d"),
                CleanupTarget.parse("hf://datasets/org/d").orElseThrow());
        assertEquals(new CleanupTarget.OneFile(dev.modelkeeper.core.cache.RepoType.MODEL, "org/m", Optional.empty(),
                "sub/a.bin"), CleanupTarget.parse("hf://models/org/m/sub/a.bin").orElseThrow());
        assertTrue(CleanupTarget.parse("hf://models/org/m/../x").isEmpty());
        assertTrue(CleanupTarget.parse("nonsense").isEmpty());
    }

    @Test
    void cancellingBetweenReposLeavesAValidCacheAndReportsWhatWasRemoved() throws Exception {
        var cache = new CacheFixture(dir);
        for (String name : List.of("a", "b", "c")) {
            cache.model("org/" + name).lfsFile(commit(1), "w.bin", (name + "-weights").getBytes())
                    .file(commit(1), "config.json", "{\"" + name + "\":1}").ref("main", commit(1));
        }
        CleanupPlan plan = planner(LockProbe.NONE).remove(targets("model/org/a", "model/org/b", "model/org/c"));
        long firstRepo = plan.removals().stream().filter(r -> r.repoPath().equals(dir.resolve("models--org--a"))).count();
        var cancel = Cancellation.create();
        var operation = new CleanupOperation(plan, new Disposal.Permanent());

        assertThrows(dev.modelkeeper.core.task.CancelledException.class, () -> operation.run(new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                if (done == firstRepo) {
                    cancel.cancel();
                }
            }
        }, cancel));

        CleanupResult soFar = operation.soFar();
        assertEquals(firstRepo, soFar.removed().size());
        assertTrue(soFar.removed().stream().allMatch(r -> r.repo().equals("model/org/a")), soFar.toString());
        assertEquals(("a-weights".length() + "{\"a\":1}".length()), soFar.freedBytes());
        assertFalse(Files.exists(dir.resolve("models--org--a")));
        CacheScan after = new CacheScanner(new BasicFileSystemProbe(), LockProbe.NONE).scan(CacheRoot.user(dir),
                ScanListener.NONE, ProgressListener.NONE, Cancellation.create());
        assertEquals(List.of("model/org/b", "model/org/c"), after.repos().stream().map(r -> r.cacheId()).sorted().toList());
        assertTrue(after.allFindings().isEmpty(), after.allFindings().toString());
    }

    @Test
    void aFileAProcessHoldsRefusesItsRepoAndTheRestProceeds() throws Exception {
        var repo = twoRevisions();
        var other = new CacheFixture(dir).model("org/other").lfsFile(commit(3), "x.bin", new byte[10]).ref("main", commit(3));
        Path held = repo.blob(repo.etag(commit(1), "old.bin"));
        InUseCheck inUse = p -> p.equals(held) ? Optional.of("python3 (PID 4211)") : Optional.empty();
        CacheScan scan = new CacheScanner(new BasicFileSystemProbe(), LockProbe.NONE).scan(CacheRoot.user(dir),
                ScanListener.NONE, ProgressListener.NONE, Cancellation.create());

        CleanupPlan plan = new CleanupPlanner(List.of(scan), LockProbe.NONE, inUse)
                .remove(targets("model/org/m", "model/org/other"));

        String why = plan.refused().getFirst().reason().render(java.util.Locale.ENGLISH);
        assertTrue(why.contains("in use by python3 (PID 4211)") && why.contains(held.toString()), why);
        assertTrue(plan.removals().stream().allMatch(r -> r.repo().equals("model/org/other")));
        assertEquals(List.of(other.dir()), paths(plan, Kind.REPO));
    }

    @Test
    void theTrashDisposalMarksEachRemovalAndMovesItWhole() throws Exception {
        var repo = twoRevisions();
        var env = new dev.modelkeeper.core.env.Environment(java.util.Map.of("XDG_DATA_HOME", dir.resolve("data").toString()),
                dir.resolve("home"), dev.modelkeeper.core.env.Environment.Os.LINUX);
        var trash = new Trash(env, dev.modelkeeper.core.fs.MountTable.current(), 1234, java.time.Clock.systemUTC());
        var toTrash = new Disposal.ToTrash(trash, false);

        CleanupPlan plan = planner(LockProbe.NONE).remove(targets(commit(1))).withFates(toTrash);
        new CleanupOperation(plan, toTrash).run(ProgressListener.NONE, Cancellation.create());

        assertTrue(plan.removals().stream().allMatch(r -> r.fate() == CleanupPlan.Fate.TRASH));
        assertFalse(plan.needsPermanent());
        assertTrue(Files.isDirectory(dir.resolve("data/Trash/files").resolve(commit(1)),
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(dir.resolve("data/Trash/files").resolve(repo.etag(commit(1), "old.bin"))));
        assertTrue(Files.exists(repo.blob(repo.etag(commit(2), "w.bin"))));
    }
}
