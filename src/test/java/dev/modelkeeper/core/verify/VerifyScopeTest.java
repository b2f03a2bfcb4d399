package dev.modelkeeper.core.verify;

import static dev.modelkeeper.core.verify.Recorder.verify;
import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.verify.ScopeResolver.Problem;
import dev.modelkeeper.core.verify.ScopeResolver.UnresolvedException;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scope narrows what is checked and reported: root, repo, revision, file, blob. */
class VerifyScopeTest {

    @TempDir
    Path dir;
    private CacheRoot root;
    private RepoFixture a;
    private RepoFixture b;

    /** Two repos; repo a has a corrupt file in each revision and a bad ref, repo b a corrupt blob. */
    @BeforeEach
    void damagedCache() throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        root = new CacheRoot(cache.dir(), CacheKind.HF_HUB, CacheRoot.Origin.ENVIRONMENT, "HF_HUB_CACHE");
        a = cache.model("org/a").file(commit(1), "one.txt", "1").file(commit(1), "sub/two.txt", "2")
                .file(commit(2), "three.txt", "3").ref("main", commit(2)).rawRef("v1", commit(1) + "\n");
        a.flipByte(a.etag(commit(1), "sub/two.txt")).flipByte(a.etag(commit(2), "three.txt"));
        b = cache.model("org/b").file(commit(3), "x.txt", "x").ref("main", commit(3));
        b.flipByte(b.etag(commit(3), "x.txt"));
        Files.writeString(cache.dir().resolve("version.txt"), "1");
    }

    private Recorder run(VerifyScope scope) throws Exception {
        return verify(scope, VerdictStore.inMemory());
    }

    private static Set<Path> paths(Recorder r) {
        return Set.copyOf(r.findings.stream().map(VerifyFinding::path).toList());
    }

    @Test
    void aRootScopeReportsEveryRepoAndTheRootItself() throws Exception {
        var r = run(VerifyScope.root(root));

        assertEquals(4, r.verdicts.size());
        assertEquals(Set.of(a.blob(a.etag(commit(1), "sub/two.txt")), a.blob(a.etag(commit(2), "three.txt")),
                a.dir().resolve("refs/v1"), b.blob(b.etag(commit(3), "x.txt")), root.path().resolve("version.txt")),
                paths(r));
    }

    @Test
    void aRepoScopeLeavesOtherReposAndTheRootAlone() throws Exception {
        var r = run(VerifyScope.repo(root, a.dir()));

        assertEquals(3, r.verdicts.size());
        assertEquals(Set.of(a.blob(a.etag(commit(1), "sub/two.txt")), a.blob(a.etag(commit(2), "three.txt")),
                a.dir().resolve("refs/v1")), paths(r));
    }

    @Test
    void aRevisionScopeChecksThatRevisionAndTheRefsPointingAtIt() throws Exception {
        var r = run(VerifyScope.revision(root, a.dir(), commit(1)));

        assertEquals(Set.of(a.snapshot(commit(1)).resolve("one.txt"), a.snapshot(commit(1)).resolve("sub/two.txt")),
                r.verdicts.keySet());
        assertEquals(Set.of(a.blob(a.etag(commit(1), "sub/two.txt")), a.dir().resolve("refs/v1")), paths(r));

        var other = run(VerifyScope.revision(root, a.dir(), commit(2)));
        assertEquals(Set.of(a.blob(a.etag(commit(2), "three.txt"))), paths(other));
    }

    @Test
    void aFileScopeChecksOneEntryOrEveryEntryBelowAFolder() throws Exception {
        Path one = a.snapshot(commit(1)).resolve("one.txt");
        var r = run(VerifyScope.file(root, a.dir(), commit(1), one));
        assertEquals(List.of(one), List.copyOf(r.verdicts.keySet()));
        assertEquals(List.of(), r.findings);
        assertEquals(1, r.report.blobsHashed());

        var sub = run(VerifyScope.file(root, a.dir(), commit(1), a.snapshot(commit(1)).resolve("sub")));
        assertEquals(List.of(a.snapshot(commit(1)).resolve("sub/two.txt")), List.copyOf(sub.verdicts.keySet()));
        assertEquals(FindingKind.CHECKSUM_MISMATCH, sub.only(FindingKind.CHECKSUM_MISMATCH).kind());
    }

    @Test
    void aBlobScopeJudgesTheBlobForEveryEntryUsingItAndAnOrphanForItself() throws Exception {
        Path blob = b.blob(b.etag(commit(3), "x.txt"));
        var r = run(VerifyScope.file(root, b.dir(), null, blob));
        assertEquals(List.of(b.snapshot(commit(3)).resolve("x.txt")), List.copyOf(r.verdicts.keySet()));
        assertEquals(blob, r.only(FindingKind.CHECKSUM_MISMATCH).path());

        byte[] orphan = {1, 2, 3};
        b.orphanBlob(orphan);
        Path orphanBlob = b.blob(CacheFixture.sha256(orphan));
        var o = run(VerifyScope.file(root, b.dir(), null, orphanBlob));
        assertEquals(Verdict.VERIFIED, o.verdict(orphanBlob));
        assertEquals(orphanBlob, o.only(FindingKind.ORPHAN_BLOB).path());
    }

    @Test
    void theResolverTurnsPathsIntoTheNarrowestScope() throws Exception {
        var resolver = new ScopeResolver(List.of(root));

        assertEquals(VerifyScope.root(root), resolver.resolve(root.path().toString(), RepoType.MODEL, null).getFirst());
        assertEquals(VerifyScope.repo(root, a.dir()), resolver.resolve(a.dir().toString(), RepoType.MODEL, null).getFirst());
        assertEquals(VerifyScope.revision(root, a.dir(), commit(1)),
                resolver.resolve(a.snapshot(commit(1)).toString(), RepoType.MODEL, null).getFirst());
        Path two = a.snapshot(commit(1)).resolve("sub/two.txt");
        assertEquals(VerifyScope.file(root, a.dir(), commit(1), two),
                resolver.resolve(two.toString(), RepoType.MODEL, null).getFirst());
        Path blob = a.blob(a.etag(commit(2), "three.txt"));
        assertEquals(VerifyScope.file(root, a.dir(), null, blob),
                resolver.resolve(blob.toString(), RepoType.MODEL, null).getFirst());
    }

    @Test
    void theResolverFindsRepoIdsInTheKnownCachesAndNarrowsToARevision() throws Exception {
        var resolver = new ScopeResolver(List.of(root));

        assertEquals(List.of(VerifyScope.repo(root, a.dir())), resolver.resolve("org/a", RepoType.MODEL, null));
        assertEquals(List.of(VerifyScope.repo(root, a.dir())), resolver.resolve("models--org--a", RepoType.DATASET, null));
        assertEquals(List.of(VerifyScope.revision(root, a.dir(), commit(1))), resolver.resolve("org/a", RepoType.MODEL, "v1"));
        assertEquals(List.of(VerifyScope.revision(root, a.dir(), commit(2))),
                resolver.resolve("org/a", RepoType.MODEL, commit(2)));

        assertEquals(Problem.NOT_FOUND, assertThrows(UnresolvedException.class,
                () -> resolver.resolve("org/a", RepoType.DATASET, null)).problem());
        assertEquals(Problem.REVISION_NOT_FOUND, assertThrows(UnresolvedException.class,
                () -> resolver.resolve("org/a", RepoType.MODEL, "nope")).problem());
        Path stray = Files.writeString(dir.resolve("stray.txt"), "x");
        assertEquals(Problem.NOT_IN_A_CACHE, assertThrows(UnresolvedException.class,
                () -> resolver.resolve(stray.toString(), RepoType.MODEL, null)).problem());
    }

    @Test
    void theResolverTakesATorchCheckpointAsAFileOfItsHub() throws Exception {
        Path ckpt = dir.resolve("torch/hub/checkpoints/resnet18-f37072fd.pth");
        Files.createDirectories(ckpt.getParent());
        Files.write(ckpt, new byte[] {1});

        var scope = new ScopeResolver(List.of()).resolve(ckpt.toString(), RepoType.MODEL, null).getFirst();

        assertEquals(dir.resolve("torch/hub"), scope.roots().getFirst().path());
        var r = run(scope);
        assertEquals(List.of(ckpt), List.copyOf(r.verdicts.keySet()));
        assertEquals(ckpt, r.only(FindingKind.TORCH_HASH_MISMATCH).path());
    }
}
