package dev.modelkeeper.core.cache;

import static dev.modelkeeper.core.cache.ScanAssertions.kinds;
import static dev.modelkeeper.core.cache.ScanAssertions.only;
import static dev.modelkeeper.core.cache.ScanAssertions.revision;
import static dev.modelkeeper.core.cache.ScanAssertions.scan;
import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CachedFile.Storage;
import dev.modelkeeper.testing.CacheFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCacheScannerTest {

    @TempDir
    Path dir;

    @Test
    void scannerReadsTypesIdsAndNamespacelessRepos() throws Exception {
        var cache = new CacheFixture(dir);
        cache.model("bert-base-uncased").file(commit(1), "config.json", "{}").ref("main", commit(1));
        cache.repo(RepoType.DATASET, "org/data").file(commit(2), "a.csv", "x").ref("main", commit(2));
        cache.repo(RepoType.SPACE, "org/app").file(commit(3), "app.py", "y").ref("main", commit(3));
        cache.repo(RepoType.KERNEL, "org/kern").file(commit(4), "k.py", "z").ref("main", commit(4));

        var scan = scan(dir);

        assertEquals(List.of("model/bert-base-uncased", "dataset/org/data", "space/org/app", "kernel/org/kern"),
                scan.repos().stream().map(Repo::cacheId).toList());
        assertEquals(CacheKind.HF_HUB, scan.kind());
        assertEquals(CacheScan.State.ONLINE, scan.state());
    }

    @Test
    void sizesCountEachBlobOncePerRevisionAndRepo() throws Exception {
        var repo = new CacheFixture(dir).model("org/m")
                .file(commit(1), "config.json", "12345")
                .lfsFile(commit(1), "sub/dir/w.bin", new byte[1000])
                .file(commit(2), "config.json", "12345")
                .file(commit(2), "other/config.json", "12345")
                .ref("main", commit(2));

        Repo r = only(scan(dir));

        assertEquals(1005, r.sizeOnDisk());
        assertEquals(2, r.nbFiles());
        assertEquals(1005, revision(r, commit(1)).sizeOnDisk());
        assertEquals(2, revision(r, commit(1)).nbFiles());
        assertEquals(5, revision(r, commit(2)).sizeOnDisk(), "the same blob twice in one revision counts once");
        assertEquals(2, revision(r, commit(2)).nbFiles());
        var nested = revision(r, commit(1)).files().stream().filter(f -> f.fileName().equals("w.bin")).findFirst()
                .orElseThrow();
        assertEquals("sub/dir/w.bin", nested.filePath());
        assertEquals(repo.blob(CacheFixture.sha256(new byte[1000])), nested.blobPath());
        assertEquals(Storage.LINK, nested.storage());
    }

    @Test
    void refsWithSlashesAndDetachedRevisionsAreNamedLikeTheOfficialScanner() throws Exception {
        new CacheFixture(dir).model("org/m")
                .file(commit(1), "a.txt", "a").file(commit(2), "a.txt", "b").file(commit(3), "a.txt", "c")
                .ref("main", commit(1)).ref("refs/pr/1", commit(2)).ref("v1.0", commit(1));

        Repo r = only(scan(dir));

        assertEquals(Set.of("main", "v1.0"), revision(r, commit(1)).refs());
        assertEquals(Set.of("refs/pr/1"), revision(r, commit(2)).refs());
        assertTrue(revision(r, commit(3)).isDetached());
        assertEquals(Set.of("main", "refs/pr/1", "v1.0"), r.refNames());
        assertEquals(List.of(FindingKind.DETACHED_REVISION), kinds(r.findings()));
    }

    @Test
    void refWithTrailingNewlineStillMatchesButIsReported() throws Exception {
        new CacheFixture(dir).model("org/m").file(commit(1), "a.txt", "a").rawRef("main", commit(1) + "\n");

        Repo r = only(scan(dir));

        assertEquals(Set.of("main"), revision(r, commit(1)).refs());
        assertEquals(commit(1) + "\n", r.refs().get("main"), "raw value kept as the official scanner reads it");
        assertEquals(List.of(FindingKind.REF_TRAILING_NEWLINE), kinds(r.findings()));
        assertEquals(Severity.ERROR, r.worstSeverity());
    }

    @Test
    void refToMissingSnapshotAndGarbageRefAreReported() throws Exception {
        new CacheFixture(dir).model("org/m").file(commit(1), "a.txt", "a").ref("main", commit(1))
                .ref("gone", commit(9)).ref("junk", "not-a-hash");

        Repo r = only(scan(dir));

        assertEquals(Set.of(FindingKind.REF_TO_MISSING_SNAPSHOT, FindingKind.REF_NOT_A_COMMIT),
                Set.copyOf(kinds(r.findings())));
        var missing = r.findings().stream().filter(f -> f.kind() == FindingKind.REF_TO_MISSING_SNAPSHOT)
                .findFirst().orElseThrow();
        assertEquals(dir.resolve("models--org--m/refs/gone"), missing.path());
    }

    @Test
    void danglingLinkKeepsTheRepoAndIsAnError() throws Exception {
        var repo = new CacheFixture(dir).model("org/m").file(commit(1), "a.txt", "abc")
                .danglingLink(commit(1), "weights.bin").ref("main", commit(1));

        Repo r = only(scan(dir));

        var files = revision(r, commit(1)).files();
        assertEquals(2, files.size());
        var gone = files.stream().filter(f -> f.fileName().equals("weights.bin")).findFirst().orElseThrow();
        assertEquals(Storage.DANGLING, gone.storage());
        assertEquals(3, r.sizeOnDisk());
        assertEquals(List.of(FindingKind.DANGLING_LINK), kinds(r.findings()));
        assertEquals(repo.snapshot(commit(1)).resolve("weights.bin"), r.findings().getFirst().path());
    }

    @Test
    void copyModeFilesAreTheirOwnBlobsAndMixWithLinks() throws Exception {
        var repo = new CacheFixture(dir).model("org/m").copyFile(commit(1), "big.bin", "0123456789")
                .file(commit(1), "config.json", "{}").ref("main", commit(1));

        Repo r = only(scan(dir));

        var big = revision(r, commit(1)).files().stream().filter(f -> f.fileName().equals("big.bin")).findFirst()
                .orElseThrow();
        assertEquals(Storage.COPY, big.storage());
        assertEquals(repo.snapshot(commit(1)).resolve("big.bin"), big.blobPath());
        assertEquals(12, r.sizeOnDisk());
        assertEquals(2, r.nbFiles());
    }

    @Test
    void sharedStorePayloadIsFirstHopBlobAndCountedOncePerCache() throws Exception {
        var cache = new CacheFixture(dir);
        byte[] weights = new byte[4096];
        String xet = "ab" + "c".repeat(62);
        var a = cache.model("org/a").sharedFile(commit(1), "w.bin", weights, xet).ref("main", commit(1));
        cache.model("org/b").sharedFile(commit(2), "w.bin", weights, xet).ref("main", commit(2));

        var scan = scan(dir);

        assertEquals(2, scan.repos().size(), "the marked store is not a repo");
        Repo ra = scan.repos().getFirst();
        var f = revision(ra, commit(1)).files().getFirst();
        assertEquals(Storage.SHARED, f.storage());
        assertEquals(a.blob(CacheFixture.sha256(weights)), f.blobPath(), "first hop, never the payload");
        assertEquals(4096, ra.sizeOnDisk(), "per-repo sizes stay logical");
        assertEquals(4096, scan.sizeOnDisk(), "the cache counts the payload once");
        assertEquals(List.of(), scan.findings());
    }

    @Test
    void storeOnlyPayloadsCountInTheCacheTotal() throws Exception {
        var cache = new CacheFixture(dir);
        Path payload = cache.sharedStore().resolve("de").resolve("de" + "f".repeat(62));
        Files.createDirectories(payload.getParent());
        Files.write(payload, new byte[300]);

        var scan = scan(dir);

        assertEquals(0, scan.repos().size());
        assertEquals(300, scan.sizeOnDisk());
    }

    @Test
    void hardLinkedBlobsAreAllocatedOnce() throws Exception {
        var cache = new CacheFixture(dir);
        byte[] content = new byte[64 * 1024];
        content[0] = 1;
        var a = cache.model("org/a").lfsFile(commit(1), "w.bin", content).ref("main", commit(1));
        var b = cache.model("org/b").emptyRevision(commit(2)).ref("main", commit(2));
        String etag = CacheFixture.sha256(content);
        Files.createLink(b.blob(etag), a.blob(etag));
        b.link(commit(2), "w.bin", etag);

        var scan = scan(dir);

        assertEquals(2 * content.length, scan.sizeOnDisk(), "apparent size counts each repo's blob");
        long oneCopy = scan.repos().getFirst().allocatedOnDisk();
        assertTrue(oneCopy >= content.length, "allocated size covers the content: " + oneCopy);
        assertEquals(oneCopy, scan.allocatedOnDisk(), "the shared inode is allocated once");
    }

    @Test
    void orphanBlobsAndPartialDownloadsAreReportedButNotCounted() throws Exception {
        var repo = new CacheFixture(dir).model("org/m").file(commit(1), "a.txt", "abc").ref("main", commit(1))
                .orphanBlob(new byte[50]).incomplete("e".repeat(64) + ".1a2b3c4d.incomplete", 70);

        var scan = scan(dir);
        Repo r = only(scan);

        assertEquals(3, r.sizeOnDisk());
        assertEquals(Set.of(FindingKind.ORPHAN_BLOB, FindingKind.INCOMPLETE_FILE), Set.copyOf(kinds(r.findings())));
        assertEquals(1, scan.incompleteFiles().size());
        var partial = scan.incompleteFiles().getFirst();
        assertEquals(70, partial.size());
        assertEquals(repo.dir().resolve("blobs/" + "e".repeat(64) + ".1a2b3c4d.incomplete"), partial.path());
        assertTrue(!partial.lockHeld());
    }

    @Test
    void partialDownloadReportsAHeldLockAtTheOfficialLockPath() throws Exception {
        new CacheFixture(dir).model("org/m").file(commit(1), "a.txt", "abc").ref("main", commit(1))
                .incomplete("e".repeat(64) + ".incomplete", 10);
        Path expectedLock = dir.resolve(".locks/models--org--m/" + "e".repeat(64) + ".lock");
        LockProbe probe = lock -> lock.equals(expectedLock);

        var scan = new CacheScanner(new dev.modelkeeper.core.fs.BasicFileSystemProbe(), probe).scan(
                CacheRoot.user(dir), ScanListener.NONE, dev.modelkeeper.core.task.ProgressListener.NONE,
                dev.modelkeeper.core.task.Cancellation.create());

        assertTrue(scan.incompleteFiles().getFirst().lockHeld());
    }

    @Test
    void foreignEntriesAreReportedAndOfficialBookkeepingIsSkipped() throws Exception {
        var cache = new CacheFixture(dir);
        cache.model("org/m").file(commit(1), "a.txt", "abc").ref("main", commit(1));
        Files.writeString(dir.resolve("version.txt"), "1");
        Files.createDirectories(dir.resolve("tmpab12cd34"));
        Files.createDirectories(dir.resolve("not_a_repo"));
        Files.createDirectories(dir.resolve("blobs"));
        Files.writeString(dir.resolve("CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55");
        Files.createDirectories(dir.resolve(".locks/models--org--m"));
        Files.createDirectories(dir.resolve("models--org--m/.no_exist/" + commit(1)));
        Files.createDirectories(dir.resolve("models--org--m/trees"));

        var scan = scan(dir);

        assertEquals(Map.of(
                        dir.resolve("blobs"), FindingKind.NOT_A_REPO,
                        dir.resolve("not_a_repo"), FindingKind.NOT_A_REPO,
                        dir.resolve("tmpab12cd34"), FindingKind.UNKNOWN_ENTRY,
                        dir.resolve("version.txt"), FindingKind.UNKNOWN_ENTRY),
                scan.findings().stream().collect(java.util.stream.Collectors.toMap(Finding::path, Finding::kind)));
        assertEquals(List.of(), only(scan).findings());
    }

    @Test
    void structuralProblemsKeepTheRepoWithFindings() throws Exception {
        var cache = new CacheFixture(dir);
        var noSnapshots = cache.model("org/nosnap");
        Files.delete(noSnapshots.dir().resolve("snapshots"));
        var fileInSnapshots = cache.model("org/fileinsnap").file(commit(1), "a", "a").ref("main", commit(1));
        Files.writeString(fileInSnapshots.dir().resolve("snapshots/stray.txt"), "x");
        var refsFile = cache.model("org/refsfile").file(commit(1), "a", "a");
        Files.writeString(refsFile.dir().resolve("refs"), "x");

        var scan = scan(dir);

        var byId = scan.repos().stream().collect(java.util.stream.Collectors.toMap(Repo::repoId, r -> kinds(r.findings())));
        assertEquals(List.of(FindingKind.MISSING_SNAPSHOTS_DIR), byId.get("org/nosnap"));
        assertEquals(List.of(FindingKind.FILE_IN_SNAPSHOTS_DIR), byId.get("org/fileinsnap"));
        assertEquals(List.of(FindingKind.REFS_IS_A_FILE, FindingKind.DETACHED_REVISION), byId.get("org/refsfile"));
    }

    @Test
    void linkPointingOutsideTheRepoIsReported() throws Exception {
        var repo = new CacheFixture(dir).model("org/m").emptyRevision(commit(1)).ref("main", commit(1));
        Path outside = Files.writeString(dir.resolve("elsewhere.bin"), "data");
        Files.createSymbolicLink(repo.snapshot(commit(1)).resolve("x.bin"), outside);

        Repo r = only(scan(dir));

        assertEquals(List.of(FindingKind.LINK_OUTSIDE_REPO), kinds(r.findings()));
        assertEquals(4, r.sizeOnDisk());
    }

    @Test
    void emptyRevisionTakesTheFolderTimeAndRepoTimesComeFromBlobs() throws Exception {
        var repo = new CacheFixture(dir).model("org/m").file(commit(1), "a.txt", "abc").emptyRevision(commit(2))
                .ref("main", commit(1));
        var blobTime = java.time.Instant.parse("2024-01-02T03:04:05Z");
        Files.setLastModifiedTime(repo.blob(CacheFixture.gitSha1("abc".getBytes())),
                java.nio.file.attribute.FileTime.from(blobTime));
        var folderTime = java.time.Instant.parse("2023-05-06T07:08:09Z");
        Files.setLastModifiedTime(repo.snapshot(commit(2)), java.nio.file.attribute.FileTime.from(folderTime));

        Repo r = only(scan(dir));

        assertEquals(blobTime, r.lastModified());
        assertEquals(blobTime, revision(r, commit(1)).lastModified());
        assertEquals(folderTime, revision(r, commit(2)).lastModified());
        assertEquals(0, revision(r, commit(2)).nbFiles());
    }
}
