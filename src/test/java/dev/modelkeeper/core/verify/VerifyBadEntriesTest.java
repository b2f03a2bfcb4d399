package dev.modelkeeper.core.verify;

import static dev.modelkeeper.core.verify.Recorder.verify;
import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.BadEntries;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad entry in a repo is reported on its own; every other file of the repo is still verified. */
class VerifyBadEntriesTest {

    @TempDir
    Path dir;

    private static Set<Path> pathsOf(Recorder r, FindingKind kind) {
        return r.findings.stream().filter(f -> f.kind() == kind).map(VerifyFinding::path).collect(Collectors.toSet());
    }

    private static void allVerified(Recorder r, int count) {
        assertEquals(count, r.verdicts.size(), r.verdicts.toString());
        assertTrue(r.verdicts.values().stream().allMatch(v -> v == Verdict.VERIFIED), r.verdicts.toString());
        assertEquals(count, r.report.count(Verdict.VERIFIED));
        assertEquals(count, r.report.files(), "\"Checked N file(s)\" counts every file");
    }

    @Test
    void symlinkLoopsAreFindingsAndEveryOtherFileIsVerified() throws Exception {
        var repo = BadEntries.loops(dir);
        Path snap = repo.snapshot(commit(1));

        var r = verify(dir);

        assertEquals(Set.of(snap.resolve("loop"), snap.resolve("sub/up"), snap.resolve("a"), snap.resolve("b")),
                pathsOf(r, FindingKind.LINK_LOOP));
        assertEquals(Set.of(FindingKind.LINK_LOOP), Set.copyOf(r.kinds()), r.findings.toString());
        allVerified(r, 3);
        assertTrue(r.report.problemsRemain());

        var one = verify(VerifyScope.revision(CacheRoot.user(dir), repo.dir(), commit(1)), VerdictStore.inMemory());
        assertEquals(4, pathsOf(one, FindingKind.LINK_LOOP).size());
        allVerified(one, 3);
    }

    @Test
    void aFolderThatCannotBeReadIsAFindingAndEveryOtherFileIsVerified() throws Exception {
        var repo = BadEntries.goodRepo(dir);
        Path deep = BadEntries.tooDeep(repo);

        Recorder r;
        try {
            r = verify(dir);
        } finally {
            BadEntries.removeTooDeep(deep);
        }

        var unreadable = r.only(FindingKind.UNREADABLE);
        assertTrue(unreadable.path().startsWith(deep), unreadable.toString());
        assertEquals(List.of(FindingKind.UNREADABLE), r.kinds(), "no orphan: the hidden entry may use the blob");
        allVerified(r, 3);
    }

    @Test
    void aRepoAndAFileWhoseNamesAreNotUtf8AreVerifiedInFull() throws Exception {
        Path repoDir = BadEntries.nonUtf8Repo(dir, 13);

        var r = verify(dir);

        assertEquals(List.of(), r.findings);
        allVerified(r, 13);
        assertTrue(r.verdicts.keySet().stream().allMatch(p -> p.startsWith(repoDir) && Files.exists(p)));

        var repoOnly = verify(VerifyScope.repo(CacheRoot.user(dir), repoDir), VerdictStore.inMemory());
        allVerified(repoOnly, 13);
    }
}
