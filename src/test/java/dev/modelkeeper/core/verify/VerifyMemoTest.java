package dev.modelkeeper.core.verify;

import static dev.modelkeeper.core.verify.Recorder.verify;
import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifying an unchanged cache again reads nothing; a changed file is read again. */
class VerifyMemoTest {

    @TempDir
    Path dir;
    private Path cache;
    private RepoFixture repo;
    private String weights;

    @BeforeEach
    void cache() {
        byte[] w = new byte[500_000];
        new Random(3).nextBytes(w);
        cache = dir.resolve("hub");
        repo = new CacheFixture(cache).model("org/m").file(commit(1), "config.json", "{}")
                .lfsFile(commit(1), "w.bin", w).ref("main", commit(1));
        weights = repo.etag(commit(1), "w.bin");
    }

    private VerifyScope scope() {
        return VerifyScope.root(CacheRoot.user(cache));
    }

    @Test
    void aSecondRunHashesNothingAndReachesTheSameVerdicts() throws Exception {
        var store = VerdictStore.inMemory();
        var first = verify(scope(), store);

        var second = verify(scope(), store);

        assertEquals(500_002, first.report.bytesHashed());
        assertEquals(0, second.report.bytesHashed());
        assertEquals(2, second.report.blobsRecalled());
        assertEquals(first.verdicts, second.verdicts);
    }

    @Test
    void aCorruptBlobIsRememberedAsCorrupt() throws Exception {
        repo.flipByte(weights);
        var store = VerdictStore.inMemory();
        verify(scope(), store);

        var second = verify(scope(), store);

        assertEquals(0, second.report.bytesHashed());
        assertEquals(repo.blob(weights), second.only(FindingKind.CHECKSUM_MISMATCH).path());
    }

    @Test
    void aTouchedFileIsReadAgain() throws Exception {
        var store = VerdictStore.inMemory();
        verify(scope(), store);
        Files.setLastModifiedTime(repo.blob(weights), FileTime.fromMillis(1_000_000));

        var second = verify(scope(), store);

        assertEquals(500_000, second.report.bytesHashed());
        assertEquals(1, second.report.blobsRecalled());
    }

    @Test
    void aFileRewrittenInPlaceWithItsOldMtimeIsReadAgainBecauseItsCtimeMoved() throws Exception {
        var store = VerdictStore.inMemory();
        verify(scope(), store);
        Path blob = repo.blob(weights);
        FileTime mtime = Files.getLastModifiedTime(blob);
        Thread.sleep(20); // ctime has nanosecond resolution here; make sure it can differ
        repo.flipByte(weights);
        Files.setLastModifiedTime(blob, mtime);

        var second = verify(scope(), store);

        assertEquals(blob, second.only(FindingKind.CHECKSUM_MISMATCH).path());
    }

    @Test
    void recallingNothingReadsEverythingAgainAndRefreshesTheMemo() throws Exception {
        var store = VerdictStore.inMemory();
        verify(scope(), store);

        var full = verify(scope(), store.recallingNothing());
        var after = verify(scope(), store);

        assertEquals(500_002, full.report.bytesHashed());
        assertEquals(0, after.report.bytesHashed());
    }

    @Test
    void thePersistedMemoSurvivesARestartAndACorruptOneIsRebuilt() throws Exception {
        Path file = dir.resolve("state/verified-files.json");
        verify(scope(), VerdictStore.open(file));
        assertTrue(Files.isRegularFile(file));

        assertEquals(0, verify(scope(), VerdictStore.open(file)).report.bytesHashed());

        Files.writeString(file, "{\"format_version\": 1, \"files\": {\"/x\": {\"size\": \"garbage");
        assertEquals(500_002, verify(scope(), VerdictStore.open(file)).report.bytesHashed());
        assertEquals(0, verify(scope(), VerdictStore.open(file)).report.bytesHashed(), "rewritten whole");
    }

    @Test
    void theMemoForgetsFilesThatAreGone() throws Exception {
        Path file = dir.resolve("state/verified-files.json");
        verify(scope(), VerdictStore.open(file));
        assertTrue(Files.readString(file).contains(weights));

        Files.delete(repo.snapshot(commit(1)).resolve("w.bin"));
        Files.delete(repo.blob(weights));
        verify(scope(), VerdictStore.open(file));

        assertTrue(!Files.readString(file).contains(weights), Files.readString(file));
    }

    @Test
    void theStoreAnswersVerdictsForABlobName() throws Exception {
        var store = VerdictStore.inMemory();
        verify(scope(), store);
        var identity = FileIdentity.of(repo.blob(weights)).orElseThrow();

        assertEquals(Verdict.VERIFIED, store.verdict(repo.blob(weights), identity, weights).orElseThrow());
        assertEquals(Verdict.CORRUPT, store.verdict(repo.blob(weights), identity, "0".repeat(64)).orElseThrow());
        assertTrue(store.verdict(repo.blob(weights), identity, "not-a-hash").isEmpty());
    }
}
