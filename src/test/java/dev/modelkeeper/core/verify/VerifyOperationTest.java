package dev.modelkeeper.core.verify;

import static dev.modelkeeper.core.verify.Recorder.verify;
import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every defect kind of issue #4, built on disk, is found with the right finding and verdict. */
class VerifyOperationTest {

    @TempDir
    Path dir;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Two revisions sharing an LFS blob, plus a git file each. */
    private RepoFixture twoRevisions() {
        return new CacheFixture(dir).model("org/tts")
                .file(commit(1), "config.json", "{\"v\":1}").lfsFile(commit(1), "model.bin", bytes(300_000, 1))
                .file(commit(2), "config.json", "{\"v\":2}").lfsFile(commit(2), "model.bin", bytes(300_000, 1))
                .ref("main", commit(2)).ref("refs/pr/1", commit(1));
    }

    private static Path entry(RepoFixture repo, int commit, String path) {
        return repo.snapshot(commit(commit)).resolve(path);
    }

    @Test
    void aHealthyCacheIsVerifiedFileByFileAndEachBlobIsReadOnce() throws Exception {
        var repo = twoRevisions();

        var r = verify(dir);

        assertEquals(List.of(), r.findings);
        assertEquals(4, r.verdicts.size());
        assertTrue(r.verdicts.values().stream().allMatch(v -> v == Verdict.VERIFIED), r.verdicts.toString());
        assertEquals(3, r.report.blobsHashed(), "the shared LFS blob is hashed once");
        assertEquals(300_000 + 7 + 7, r.report.bytesHashed());
        assertFalse(r.report.problemsRemain());
        assertEquals(Verdict.VERIFIED, r.verdict(entry(repo, 1, "model.bin")));
    }

    @Test
    void aFlippedByteInAnLfsBlobIsAChecksumMismatchOfTheBlobNamingEveryFileThatUsesIt() throws Exception {
        var repo = twoRevisions();
        String etag = repo.etag(commit(1), "model.bin");
        repo.flipByte(etag);

        var r = verify(dir);

        var f = r.only(FindingKind.CHECKSUM_MISMATCH);
        assertEquals(repo.blob(etag), f.path());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(etag, f.etag());
        assertEquals(List.of(new FileRef(commit(1), "model.bin"), new FileRef(commit(2), "model.bin")).stream().sorted()
                .toList(), f.files());
        assertEquals("org/tts", f.repo().orElseThrow().repoId());
        assertEquals(repo.dir(), f.repo().orElseThrow().repoDir());
        assertEquals(Verdict.CORRUPT, r.verdict(entry(repo, 1, "model.bin")));
        assertEquals(Verdict.CORRUPT, r.verdict(entry(repo, 2, "model.bin")));
        assertEquals(Verdict.VERIFIED, r.verdict(entry(repo, 2, "config.json")));
        assertTrue(r.report.problemsRemain());
    }

    @Test
    void aFlippedByteInAGitBlobFailsItsGitSha1() throws Exception {
        var repo = twoRevisions();
        String etag = repo.etag(commit(2), "config.json");
        repo.flipByte(etag);

        var f = verify(dir).only(FindingKind.CHECKSUM_MISMATCH);

        assertEquals(repo.blob(etag), f.path());
        assertTrue(f.finding().detail().startsWith("git-sha1 "), f.finding().detail());
    }

    @Test
    void aTruncatedBlobIsAChecksumMismatchOfflineAndASizeMismatchWhereTheTreeListingGivesItsSize() throws Exception {
        var repo = twoRevisions();
        String etag = repo.etag(commit(1), "model.bin");
        repo.truncateBlob(etag, 1000);

        assertEquals(repo.blob(etag), verify(dir).only(FindingKind.CHECKSUM_MISMATCH).path());

        repo.treeListing(commit(1));
        var r = verify(dir);
        var f = r.only(FindingKind.SIZE_MISMATCH);
        assertEquals(repo.blob(etag), f.path());
        assertEquals(300_000, f.expectedSize());
        assertFalse(r.kinds().contains(FindingKind.CHECKSUM_MISMATCH), "one finding per blob");
        assertEquals(Verdict.CORRUPT, r.verdict(entry(repo, 2, "model.bin")));
    }

    @Test
    void anEmptyBlobIsReportedAsEmpty() throws Exception {
        var repo = twoRevisions();
        String etag = repo.etag(commit(1), "model.bin");
        repo.truncateBlob(etag, 0);

        var r = verify(dir);

        assertEquals(repo.blob(etag), r.only(FindingKind.EMPTY_BLOB).path());
        assertEquals(Verdict.CORRUPT, r.verdict(entry(repo, 1, "model.bin")));
    }

    @Test
    void anEmptyFileThatShouldBeEmptyIsFine() throws Exception {
        new CacheFixture(dir).model("org/m").file(commit(1), "empty.txt", "").lfsFile(commit(1), "e.bin", new byte[0])
                .ref("main", commit(1));

        var r = verify(dir);

        assertEquals(List.of(), r.findings);
        assertEquals(2, r.report.count(Verdict.VERIFIED));
    }

    @Test
    void aMissingBlobLeavesADanglingLinkThatIsMissingOrPartialWhenItsDownloadIsUnfinished() throws Exception {
        var repo = twoRevisions();
        String etag = repo.etag(commit(2), "config.json");
        repo.deleteBlob(etag);

        var r = verify(dir);
        var f = r.only(FindingKind.DANGLING_LINK);
        assertEquals(entry(repo, 2, "config.json"), f.path());
        assertEquals(List.of(new FileRef(commit(2), "config.json")), f.files());
        assertEquals(etag, f.etag());
        assertEquals(Verdict.MISSING, r.verdict(entry(repo, 2, "config.json")));

        repo.incomplete(etag + ".1a2b3c4d.incomplete", 3);
        r = verify(dir);
        assertEquals(Verdict.PARTIAL, r.verdict(entry(repo, 2, "config.json")));
        assertEquals(repo.dir().resolve("blobs").resolve(etag + ".1a2b3c4d.incomplete"),
                r.only(FindingKind.INCOMPLETE_FILE).path());
    }

    @Test
    void aLinkToABlobThatNeverExistedIsDangling() throws Exception {
        var repo = twoRevisions().danglingLink(commit(2), "sub/extra.bin");

        var r = verify(dir);

        assertEquals(entry(repo, 2, "sub/extra.bin"), r.only(FindingKind.DANGLING_LINK).path());
        assertEquals(Verdict.MISSING, r.verdict(entry(repo, 2, "sub/extra.bin")));
    }

    @Test
    void aLinkPointingOutsideTheRepoIsReportedOnTheEntryAndItsContentStillChecked() throws Exception {
        var repo = twoRevisions();
        byte[] content = "{\"v\":2}".getBytes();
        Path outside = dir.resolve("elsewhere").resolve(CacheFixture.gitSha1(content));
        Files.createDirectories(outside.getParent());
        Files.write(outside, content);
        repo.relink(commit(2), "config.json", outside);

        var r = verify(dir);

        var f = r.only(FindingKind.LINK_OUTSIDE_REPO);
        assertEquals(entry(repo, 2, "config.json"), f.path());
        assertEquals(List.of(new FileRef(commit(2), "config.json")), f.files());
        assertEquals(Verdict.VERIFIED, r.verdict(entry(repo, 2, "config.json")));
        assertTrue(r.report.problemsRemain());
    }

    @Test
    void aRefWithATrailingNewlineIsReportedOnTheRefFile() throws Exception {
        var repo = twoRevisions().rawRef("main", commit(2) + "\n");

        var f = verify(dir).only(FindingKind.REF_TRAILING_NEWLINE);

        assertEquals(repo.dir().resolve("refs/main"), f.path());
        assertEquals("org/tts", f.repo().orElseThrow().repoId());
    }

    @Test
    void aRefToASnapshotThatIsNotThereIsReported() throws Exception {
        var repo = twoRevisions().ref("v2", commit(9));

        var f = verify(dir).only(FindingKind.REF_TO_MISSING_SNAPSHOT);

        assertEquals(repo.dir().resolve("refs/v2"), f.path());
    }

    @Test
    void aPartialDownloadNoProcessHoldsIsReportedButOneBeingWrittenIsNot() throws Exception {
        var repo = twoRevisions().incomplete("a".repeat(64) + ".0badc0de.incomplete", 10)
                .incomplete("b".repeat(64) + ".incomplete", 10);
        Path lock = dir.resolve(".locks").resolve(repo.dir().getFileName()).resolve("b".repeat(64) + ".lock");

        try (var held = FileLocks.tryLock(lock).orElseThrow()) {
            var f = verify(dir).only(FindingKind.INCOMPLETE_FILE);
            assertEquals(repo.dir().resolve("blobs/" + "a".repeat(64) + ".0badc0de.incomplete"), f.path());
            assertEquals("a".repeat(64), f.etag());
        }
    }

    @Test
    void anOrphanBlobIsReportedAndNotCountedAsAFile() throws Exception {
        var repo = twoRevisions().orphanBlob(bytes(100, 5));

        var r = verify(dir);

        assertEquals(repo.blob(CacheFixture.sha256(bytes(100, 5))), r.only(FindingKind.ORPHAN_BLOB).path());
        assertEquals(4, r.verdicts.size());
        assertFalse(r.report.problemsRemain(), "an orphan only takes space");
    }

    @Test
    void aCorruptCopyModeFileIsFoundThroughTheTreeListingAndIsUnverifiedWithoutOne() throws Exception {
        var repo = new CacheFixture(dir).model("org/win").copyFile(commit(1), "config.json", "{\"a\":1}")
                .copyFile(commit(1), "sub/vocab.txt", "hello").ref("main", commit(1));
        Files.writeString(entry(repo, 1, "sub/vocab.txt"), "hellO");

        var r = verify(dir);
        assertEquals(List.of(), r.findings);
        assertEquals(2, r.report.count(Verdict.UNVERIFIED));

        repo.treeListing(commit(1));
        r = verify(dir);
        var f = r.only(FindingKind.CHECKSUM_MISMATCH);
        assertEquals(entry(repo, 1, "sub/vocab.txt"), f.path(), "in copy mode the entry is the blob");
        assertEquals(repo.etag(commit(1), "sub/vocab.txt"), f.etag());
        assertEquals(Verdict.CORRUPT, r.verdict(entry(repo, 1, "sub/vocab.txt")));
        assertEquals(Verdict.VERIFIED, r.verdict(entry(repo, 1, "config.json")));
    }

    @Test
    void anEntryLinkedToAnotherBlobThanTheTreeListingNamesIsAWrongBlob() throws Exception {
        var repo = twoRevisions().treeListing(commit(2));
        repo.relink(commit(2), "config.json", repo.blob(repo.etag(commit(1), "config.json")));

        var r = verify(dir);

        var f = r.only(FindingKind.WRONG_BLOB);
        assertEquals(entry(repo, 2, "config.json"), f.path());
        assertEquals(repo.etag(commit(2), "config.json"), f.etag());
        assertEquals(Verdict.CORRUPT, r.verdict(entry(repo, 2, "config.json")));
        assertEquals(Verdict.VERIFIED, r.verdict(entry(repo, 1, "config.json")));
    }

    @Test
    void aBadTorchCheckpointFailsTheHashPrefixInItsName() throws Exception {
        Path checkpoints = dir.resolve("torch/hub/checkpoints");
        Files.createDirectories(checkpoints);
        byte[] good = bytes(5000, 7);
        String prefix = CacheFixture.sha256(good).substring(0, 8);
        Files.write(checkpoints.resolve("resnet18-" + prefix + ".pth"), good);
        byte[] bad = bytes(5000, 8);
        Files.write(checkpoints.resolve("vgg11-" + prefix + ".pth"), bad);
        Files.write(checkpoints.resolve("custom.pth"), bad);

        var r = verify(dir.resolve("torch/hub"));

        var f = r.only(FindingKind.TORCH_HASH_MISMATCH);
        assertEquals(checkpoints.resolve("vgg11-" + prefix + ".pth"), f.path());
        assertTrue(f.repo().isEmpty());
        assertEquals(Verdict.CORRUPT, r.verdict(f.path()));
        assertEquals(Verdict.VERIFIED, r.verdict(checkpoints.resolve("resnet18-" + prefix + ".pth")));
        assertEquals(Verdict.UNVERIFIED, r.verdict(checkpoints.resolve("custom.pth")), "no hash in its name");
    }

    @Test
    void aSharedStorePayloadIsCheckedAgainstTheRepoLevelNameAndReadOnceForEveryRepo() throws Exception {
        var cache = new CacheFixture(dir);
        byte[] weights = bytes(200_000, 3);
        String xet = "c".repeat(64);
        cache.model("org/a").sharedFile(commit(1), "w.bin", weights, xet).ref("main", commit(1));
        var b = cache.model("org/b").sharedFile(commit(2), "w.bin", weights, xet).ref("main", commit(2));

        var r = verify(dir);
        assertEquals(List.of(), r.findings);
        assertEquals(1, r.report.blobsHashed());
        assertEquals(200_000, r.report.bytesHashed());

        b.flipByte(CacheFixture.sha256(weights));
        r = verify(dir);
        assertEquals(2, r.kinds().stream().filter(k -> k == FindingKind.CHECKSUM_MISMATCH).count(),
                "each repo's blob is reported; the payload behind them was read once");
        assertEquals(1, r.report.blobsHashed());
    }

    @Test
    void cancellingStopsTheRunAndKeepsWhatWasHashedInTheMemo() throws Exception {
        var repo = new CacheFixture(dir).model("org/big");
        for (int i = 0; i < 4; i++) {
            repo.lfsFile(commit(1), "shard-" + i + ".bin", bytes(3_000_000, 10 + i));
        }
        repo.ref("main", commit(1));
        var store = VerdictStore.inMemory();
        var cancel = Cancellation.create();
        var verdicts = new ArrayList<Verdict>();
        VerifyListener cancelAfterFirst = new VerifyListener() {
            @Override
            public void verdict(Path path, Verdict v) {
                verdicts.add(v);
                cancel.cancel();
            }
        };
        var op = new VerifyOperation(VerifyScope.root(CacheRoot.user(dir)), store,
                cancelAfterFirst, 1, Optional.empty());

        assertThrows(CancelledException.class, () -> op.run(ProgressListener.NONE, cancel));

        assertEquals(List.of(Verdict.VERIFIED), verdicts, "nothing is judged after the cancel");
        var again = verify(VerifyScope.root(CacheRoot.user(dir)), store);
        assertEquals(3, again.report.blobsHashed(), "the blob hashed before the cancel is remembered");
        assertEquals(1, again.report.blobsRecalled());
    }

    @Test
    void aCancelledTokenStopsBeforeAnythingIsRead() throws Exception {
        twoRevisions();
        var cancel = Cancellation.create();
        cancel.cancel();
        var op = new VerifyOperation(VerifyScope.root(CacheRoot.user(dir)),
                VerdictStore.inMemory(), VerifyListener.NONE);

        assertThrows(CancelledException.class, () -> op.run(ProgressListener.NONE, cancel));
    }

    @Test
    void progressCountsBytesHashedOutOfBytesToHash() throws Exception {
        twoRevisions();
        var seen = new ArrayList<long[]>();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                seen.add(new long[] {done, total});
            }
        };

        new VerifyOperation(VerifyScope.root(CacheRoot.user(dir)), VerdictStore.inMemory(),
                VerifyListener.NONE).run(progress, Cancellation.create());

        long[] last = seen.getLast();
        assertEquals(300_014, last[1]);
        assertEquals(last[1], last[0]);
        assertTrue(seen.stream().allMatch(p -> p[1] < 0 || p[0] <= p[1]));
    }
}
