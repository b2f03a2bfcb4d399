package dev.modelkeeper.core.cache;

import static dev.modelkeeper.core.cache.ScanAssertions.only;
import static dev.modelkeeper.core.cache.ScanAssertions.revision;
import static dev.modelkeeper.core.cache.ScanAssertions.scan;
import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad entry in a repo is reported on its own; the rest of the repo is still scanned. */
class ScanBadEntriesTest {

    @TempDir
    Path dir;

    private static List<String> paths(Revision rev) {
        return rev.files().stream().map(CachedFile::filePath).sorted().toList();
    }

    private static Set<Path> pathsOf(Repo r, FindingKind kind) {
        return r.findings().stream().filter(f -> f.kind() == kind).map(Finding::path).collect(Collectors.toSet());
    }

    @Test
    void symlinkLoopsAreReportedAndTheRestOfTheRepoIsScanned() throws Exception {
        var repo = BadEntries.loops(dir);
        Path snap = repo.snapshot(commit(1));

        Repo r = only(scan(dir));

        assertEquals(Set.of(), pathsOf(r, FindingKind.UNREADABLE), r.findings().toString());
        assertEquals(Set.of(snap.resolve("loop"), snap.resolve("sub/up"), snap.resolve("a"), snap.resolve("b")),
                pathsOf(r, FindingKind.LINK_LOOP));
        assertEquals(1, r.revisions().size());
        assertEquals(BadEntries.GOOD, paths(revision(r, commit(1))));
        assertEquals(3, r.nbFiles());
        var loop = r.findings().stream().filter(f -> f.path().equals(snap.resolve("loop"))).findFirst().orElseThrow();
        assertEquals(snap + "/loop is a symbolic link loop; the rest of the repo was scanned.",
                new FindingTexts(Locale.ENGLISH).message(loop));
    }

    @Test
    void aFolderThatCannotBeReadIsReportedAndTheRestOfTheRepoIsScanned() throws Exception {
        var repo = BadEntries.goodRepo(dir);
        Path deep = BadEntries.tooDeep(repo);

        Repo r;
        try {
            r = only(scan(dir));
        } finally {
            BadEntries.removeTooDeep(deep);
        }

        var unreadable = r.findings().stream().filter(f -> f.kind() == FindingKind.UNREADABLE).toList();
        assertEquals(1, unreadable.size(), r.findings().toString());
        assertTrue(unreadable.getFirst().path().startsWith(deep), unreadable.toString());
        assertEquals(List.of(), pathsOf(r, FindingKind.ORPHAN_BLOB).stream().toList(),
                "the blob the unreadable entry links to may be in use: it is no orphan to delete");
        assertEquals(1, r.revisions().size());
        assertEquals(BadEntries.GOOD, paths(revision(r, commit(1))));
        assertEquals(3, r.nbFiles());
    }

    @Test
    void aFolderUnderRefsThatCannotBeReadIsReportedAndTheRefsBesideItStillCount() throws Exception {
        var repo = BadEntries.goodRepo(dir).ref("v1", commit(1));
        Path deep = BadEntries.deepFolders(repo.dir().resolve("refs/tags"));

        Repo r;
        try {
            r = only(scan(dir));
        } finally {
            BadEntries.removeTooDeep(deep);
        }

        var unreadable = pathsOf(r, FindingKind.UNREADABLE);
        assertEquals(1, unreadable.size(), r.findings().toString());
        assertTrue(unreadable.iterator().next().startsWith(deep), unreadable.toString());
        assertEquals(Set.of("main", "v1"), revision(r, commit(1)).refs());
        assertEquals(BadEntries.GOOD, paths(revision(r, commit(1))));
    }

    @Test
    void aRepoFolderAndAFileWhoseNamesAreNotUtf8AreListedAndCounted() throws Exception {
        Path repoDir = BadEntries.nonUtf8Repo(dir, 13);

        Repo r = only(scan(dir));

        assertEquals(repoDir, r.repoPath());
        assertEquals(List.of(), r.findings());
        assertTrue(r.repoId().startsWith("org/na") && r.repoId().endsWith("me"), r.repoId());
        var rev = revision(r, commit(1));
        assertEquals(13, rev.nbFiles());
        assertEquals(13, r.nbFiles());
        var odd = rev.files().stream().filter(f -> f.fileName().startsWith("x_")).findFirst().orElseThrow();
        assertTrue(Files.isSymbolicLink(odd.snapshotPath()), "the entry's path is its real name on disk");
        assertEquals(CachedFile.Storage.LINK, odd.storage());
        assertEquals(2, odd.size());
        assertFalse(odd.isMissing());
    }

    @Test
    void aPartialDownloadInARepoFolderWhoseNameIsNotUtf8FindsItsLockByTheSameBytes() throws Exception {
        Path repoDir = BadEntries.nonUtf8Repo(dir, 2);
        String partial = "e".repeat(64) + ".incomplete";
        Files.write(repoDir.resolve("blobs").resolve(partial), new byte[10]);
        Path expectedLock = dir.resolve(".locks").resolve(repoDir.getFileName()).resolve("e".repeat(64) + ".lock");
        LockProbe probe = lock -> lock.equals(expectedLock);

        var scan = new CacheScanner(new dev.modelkeeper.core.fs.BasicFileSystemProbe(), probe).scan(
                CacheRoot.user(dir), ScanListener.NONE, dev.modelkeeper.core.task.ProgressListener.NONE,
                dev.modelkeeper.core.task.Cancellation.create());

        assertTrue(scan.incompleteFiles().getFirst().lockHeld(), "a download being written is not offered for deletion");
    }
}
