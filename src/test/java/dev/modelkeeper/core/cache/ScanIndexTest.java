package dev.modelkeeper.core.cache;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan index (issue #17): a re-scan of an unchanged cache makes no stat per blob and no readlink, and
 * whatever changed, the re-scan equals a cold scan. Counted through the {@link ScanFs} seam, never timed.
 */
class ScanIndexTest {

    @TempDir
    Path dir;
    @TempDir
    Path appCache;

    Path hub;
    CountingScanFs fs;
    RepoFixture alpha;
    RepoFixture beta;

    @BeforeEach
    void cache() throws Exception {
        hub = dir.resolve("hub");
        var cache = new CacheFixture(hub);
        alpha = cache.model("org/alpha").file(commit(1), "config.json", "{}")
                .lfsFile(commit(1), "sub/dir/w.bin", new byte[1000]).file(commit(2), "config.json", "{\"v\":2}")
                .file(commit(2), "sub/dir/tok.json", "t").orphanBlob("left".getBytes())
                .ref("main", commit(2)).ref("refs/pr/1", commit(1));
        beta = cache.model("org/beta").file(commit(3), "a.txt", "a").file(commit(4), "a.txt", "b")
                .ref("main", commit(3));
        fs = new CountingScanFs();
        Thread.sleep(2 * WINDOW.toMillis()); // the fixture is older than the racy window of the first scan
    }

    /**
     * A short racy window instead of the real 2 s, so the tests need not wait; still longer than a clock tick
     * of the file system's time stamps, so that a change right after a scan always shows in them.
     */
    private static final Duration WINDOW = Duration.ofMillis(50);

    private CacheScan indexed() throws Exception {
        return scan(new ScanIndex(appCache.resolve("scan-index"), WINDOW, ScanIndex.MAX_AGE));
    }

    private CacheScan cold() throws Exception {
        return scan(ScanIndex.NONE);
    }

    private CacheScan scan(ScanIndex index) throws Exception {
        var scanner = new CacheScanner(new BasicFileSystemProbe(), LockProbe.NONE, fs, index);
        return scanner.scan(CacheRoot.user(hub), ScanListener.NONE, ProgressListener.NONE, Cancellation.create());
    }

    /** Everything but the time of the scan. */
    private static void assertSameScan(CacheScan expected, CacheScan actual) {
        assertEquals(expected.repos(), actual.repos());
        assertEquals(expected.findings(), actual.findings());
        assertEquals(expected.incompleteFiles(), actual.incompleteFiles());
        assertEquals(expected.sizeOnDisk(), actual.sizeOnDisk());
        assertEquals(expected.allocatedOnDisk(), actual.allocatedOnDisk());
    }

    @Test
    void rescanOfAnUnchangedCacheStatsNoBlobAndReadsNoLink() throws Exception {
        var first = indexed();
        assertTrue(fs.blobStats() > 0, "the first scan is cold");
        fs.reset();

        var second = indexed();

        assertEquals(0, fs.blobStats());
        assertEquals(0, fs.readLinks());
        assertSameScan(first, second);
        assertSameScan(cold(), second);
    }

    @Test
    void changingOneRepoRescansOnlyThatRepo() throws Exception {
        indexed();
        beta.file(commit(4), "b.txt", "new");
        fs.reset();

        var second = indexed();

        assertEquals(0, fs.blobStats(alpha.dir()));
        assertTrue(fs.blobStats(beta.dir()) > 0);
        assertSameScan(cold(), second);
    }

    @Test
    void aChangeTwoFoldersDownInASnapshotIsSeen() throws Exception {
        indexed();
        Files.delete(alpha.snapshot(commit(1)).resolve("sub/dir/w.bin"));
        fs.reset();

        var second = indexed();

        assertTrue(fs.blobStats(alpha.dir()) > 0);
        assertSameScan(cold(), second);
    }

    @Test
    void aRefRewrittenInPlaceIsSeen() throws Exception {
        indexed();
        Files.writeString(beta.dir().resolve("refs/main"), commit(4)); // same file, same folder mtime

        var second = indexed();

        assertEquals(List.of("main"), List.copyOf(ScanAssertions.revision(second.repos().get(1), commit(4)).refs()));
        assertSameScan(cold(), second);
    }

    @Test
    void aDeletedBlobAndADeletedRevisionAreSeen() throws Exception {
        indexed();
        alpha.deleteBlob(alpha.etag(commit(1), "sub/dir/w.bin"));
        try (var walk = Files.walk(beta.snapshot(commit(4)))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        assertSameScan(cold(), indexed());
    }

    @Test
    void aDeletedRepoAndANewRepoAreSeen() throws Exception {
        indexed();
        try (var walk = Files.walk(beta.dir())) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        new CacheFixture(hub).model("org/gamma").file(commit(5), "g.txt", "g").ref("main", commit(5));

        var second = indexed();

        assertEquals(List.of("org/alpha", "org/gamma"), second.repos().stream().map(Repo::repoId).toList());
        assertSameScan(cold(), second);
    }

    @Test
    void partialDownloadsAreLookedAtEveryTime() throws Exception {
        beta.incomplete("abc.incomplete", 10);
        indexed();
        Files.write(beta.dir().resolve("blobs/abc.incomplete"), new byte[25]); // grows in place
        fs.reset();

        var second = indexed();

        assertTrue(fs.blobStats(beta.dir()) > 0);
        assertEquals(0, fs.blobStats(alpha.dir()));
        assertEquals(25, second.partialBytes());
        assertSameScan(cold(), second);
    }

    @Test
    void aCorruptIndexIsACold() throws Exception {
        var first = indexed();
        var index = new ScanIndex(appCache.resolve("scan-index"), WINDOW, ScanIndex.MAX_AGE);
        Path file = index.fileFor(hub);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        fs.reset();

        var second = indexed();

        assertTrue(fs.blobStats() > 0);
        assertSameScan(first, second);
        fs.reset();
        indexed();
        assertEquals(0, fs.blobStats(), "the cold scan wrote a good index again");
    }

    @Test
    void anIndexOfAnotherVersionOrATruncatedOneIsACold() throws Exception {
        var first = indexed();
        var index = new ScanIndex(appCache.resolve("scan-index"), WINDOW, ScanIndex.MAX_AGE);
        Path file = index.fileFor(hub);
        byte[] bytes = Files.readAllBytes(file);
        bytes[11] = 99; // the version
        Files.write(file, bytes);
        fs.reset();
        assertSameScan(first, indexed());
        assertTrue(fs.blobStats() > 0);

        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 100));
        fs.reset();
        assertSameScan(first, indexed());
        assertTrue(fs.blobStats() > 0);
    }

    @Test
    void foldersChangedJustBeforeTheScanAreNotTrusted() throws Exception {
        var index = new ScanIndex(appCache.resolve("scan-index"), Duration.ofHours(1), ScanIndex.MAX_AGE);
        scan(index);
        fs.reset();

        var second = scan(index);

        assertTrue(fs.blobStats() > 0, "a cache written in the last hour is rescanned under a one-hour window");
        assertSameScan(cold(), second);
        assertNotEquals(0, second.repos().size());
    }

    @Test
    void anEntryOlderThanItsMaximumAgeIsLookedAtAgain() throws Exception {
        var index = new ScanIndex(appCache.resolve("scan-index"), WINDOW, Duration.ZERO);
        scan(index);
        fs.reset();

        var second = scan(index);

        assertTrue(fs.blobStats() > 0, "blob access times move without any folder changing: once a day, a full look");
        assertSameScan(cold(), second);
    }
}
