package dev.modelkeeper.ui.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.verify.VerifyFinding;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The counts the sidebar, the tab and the list show come from one place and follow scans and verifies. */
class ProblemsModelTest {

    private static final CacheRoot ROOT = new CacheRoot(Path.of("/c"), CacheKind.HF_HUB, CacheRoot.Origin.DEFAULT, null);
    private final ProblemsModel problems = new ProblemsModel();

    private static Repo repo(long size, Finding... findings) {
        Repo r = RepoFilterTest.repo(RepoType.MODEL, "org/name", size, Duration.ofDays(1), "main", "w.bin");
        return new Repo(r.type(), r.repoId(), DIR, r.kind(), r.refs(), r.revisions(), r.nbFiles(),
                r.sizeOnDisk(), r.allocatedOnDisk(), r.lastAccessed(), r.lastModified(), List.of(findings));
    }

    private static CacheScan scan(Repo repo, Finding... rootFindings) {
        return new CacheScan(ROOT, CacheKind.HF_HUB, CacheScan.State.ONLINE, Optional.empty(), List.of(repo),
                List.of(rootFindings), List.of(), 1, 1, Instant.now());
    }

    private static final Path DIR = Path.of("/c/models--org--name");
    private static final Path PARTIAL = DIR.resolve("blobs/x.incomplete");
    private static final Finding INCOMPLETE = Finding.of(FindingKind.INCOMPLETE_FILE, PARTIAL, "2 B");

    private static VerifyFinding corrupt() {
        var ref = new VerifyFinding.RepoRef(Path.of("/c"), RepoType.MODEL, "org/name");
        return new VerifyFinding(Finding.of(FindingKind.CHECKSUM_MISMATCH, DIR.resolve("blobs/e"), "sha256 ..."),
                Optional.of(ref), List.of(new VerifyFinding.FileRef("a".repeat(40), "w.bin")), "e", -1);
    }

    private void assertCounts(int n) {
        assertEquals(n, problems.countProperty().get());
        assertEquals(n, problems.countProperty(ROOT.path()).get());
        assertEquals(n, problems.problems().size());
    }

    @Test
    void scanFindingsCountAndTheCacheStateIsABadgeNotAProblem() {
        problems.scanned(scan(repo(10, INCOMPLETE), Finding.of(FindingKind.EPHEMERAL_LOCATION, ROOT.path()),
                Finding.of(FindingKind.UNKNOWN_ENTRY, Path.of("/c/x"))));
        assertCounts(1);
    }

    /** The Problems list is grouped by repo: the repo with an error first, its problems together. */
    @Test
    void problemsAreGroupedByRepoWithTheMostSevereRepoFirst() {
        Path other = Path.of("/c/models--org--other");
        Repo r = RepoFilterTest.repo(RepoType.MODEL, "org/other", 5, Duration.ofDays(1), "main", "w.bin");
        var otherPartial = Finding.of(FindingKind.INCOMPLETE_FILE, other.resolve("blobs/y.incomplete"), "3 B");
        var second = new Repo(r.type(), r.repoId(), other, r.kind(), r.refs(), r.revisions(), r.nbFiles(),
                r.sizeOnDisk(), r.allocatedOnDisk(), r.lastAccessed(), r.lastModified(), List.of(otherPartial));
        problems.scanned(new CacheScan(ROOT, CacheKind.HF_HUB, CacheScan.State.ONLINE, Optional.empty(),
                List.of(second, repo(10, INCOMPLETE)), List.of(), List.of(), 2, 2, Instant.now()));
        problems.verified(List.of(corrupt()));

        var paths = problems.problems().stream().map(f -> f.path()).toList();
        assertEquals(List.of(DIR.resolve("blobs/e"), PARTIAL, other.resolve("blobs/y.incomplete")), paths,
                "org/name (an error) first with both of its problems, then org/other");
    }

    @Test
    void verifyAddsWhatItFoundAndWhatBothSawCountsOnce() {
        problems.scanned(scan(repo(10, INCOMPLETE)));
        problems.verified(List.of(corrupt(), VerifyFinding.of(INCOMPLETE)));
        assertCounts(2);
    }

    @Test
    void aRescanKeepsVerifyFindingsOfAnUnchangedRepoAndForgetsThoseOfAChangedOne() {
        problems.scanned(scan(repo(10, INCOMPLETE)));
        problems.verified(List.of(corrupt()));

        assertEquals(List.of(), problems.scanned(scan(repo(10, INCOMPLETE))));
        assertCounts(2);
        // a download finished: the partial file is gone and the repo's content changed
        assertEquals(List.of(DIR.toAbsolutePath()), problems.scanned(scan(repo(20))));
        assertCounts(0);
    }

    @Test
    void aNewVerifyReplacesWhatTheLastOneSaidAboutItsScope() {
        problems.scanned(scan(repo(10)));
        problems.verified(List.of(corrupt()));
        problems.verifyStarted(f -> true);
        assertCounts(0);
    }

    @Test
    void aRememberedVerdictDoesNotHideWhatTheScanFoundWrong() {
        var state = new VerifyState();
        Repo broken = repo(10, Finding.of(FindingKind.REF_TRAILING_NEWLINE, DIR.resolve("refs/main")));
        state.add(java.util.Map.of(broken.revisions().getFirst().files().getFirst().snapshotPath(),
                dev.modelkeeper.core.verify.Verdict.VERIFIED), List.of());
        assertEquals(ContentStatus.BROKEN, state.statusOf(ContentRow.of(broken)));
    }
}
