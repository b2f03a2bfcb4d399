package dev.modelkeeper.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online, each revision is compared with the Hub's tree listing: mismatched, missing and extra files. */
class VerifyOnlineTest {

    @TempDir
    Path dir;
    private HubEmulator hub;
    private FixtureRepo remote;
    private String commit;
    private Path cache;
    private HubLayout layout;

    @BeforeEach
    void downloadedCache() throws Exception {
        byte[] weights = new byte[400_000];
        new Random(5).nextBytes(weights);
        remote = FixtureRepo.model("org/tts");
        commit = remote.commit(1);
        remote.file(commit, "config.json", "{\"sr\":24000}").file(commit, "nested/tokenizer.json", "{}")
                .file(commit, "README.md", "# tts").lfsFile(commit, "model.safetensors", weights).ref("main", commit);
        hub = new HubEmulator().pageSize(2).add(remote);
        cache = dir.resolve("hub");
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

    private Recorder online() throws Exception {
        var r = new Recorder();
        r.report = new VerifyOperation(VerifyScope.repo(CacheRoot.user(cache), layout.repo()), VerdictStore.inMemory(),
                r, 2, Optional.of(client())).run(ProgressListener.NONE, Cancellation.create());
        return r;
    }

    @Test
    void aCleanDownloadAgreesWithTheHub() throws Exception {
        Files.delete(layout.tree(commit)); // so the Hub's listing is what is compared, not the cached one

        var r = online();

        assertEquals(List.of(), r.findings);
        assertEquals(4, r.report.count(Verdict.VERIFIED));
    }

    @Test
    void corruptMissingAndExtraFilesAreReportedLikeTheOfficialVerify() throws Exception {
        String etag = remote.files(commit).get("model.safetensors").etag();
        try (var f = new RandomAccessFile(layout.blob(etag).toFile(), "rw")) {
            f.seek(10);
            f.write(0);
            f.write(1);
        }
        Files.delete(layout.pointer(commit, "README.md"));
        Files.writeString(layout.pointer(commit, "notes.txt"), "mine");

        var r = online();

        var corrupt = r.only(FindingKind.CHECKSUM_MISMATCH);
        assertEquals(layout.blob(etag), corrupt.path());
        assertEquals(List.of(new FileRef(commit, "model.safetensors")), corrupt.files());
        assertEquals(400_000, corrupt.expectedSize());
        var missing = r.only(FindingKind.MISSING_FILE);
        assertEquals(layout.pointer(commit, "README.md"), missing.path());
        assertEquals(Severity.WARNING, missing.severity(), "as the official verify, a missing file only warns");
        assertEquals(remote.files(commit).get("README.md").etag(), missing.etag());
        assertEquals(Verdict.MISSING, r.verdict(layout.pointer(commit, "README.md")));
        assertEquals(layout.pointer(commit, "notes.txt"), r.only(FindingKind.EXTRA_FILE).path());
        assertEquals(Set.of(FindingKind.CHECKSUM_MISMATCH, FindingKind.MISSING_FILE, FindingKind.EXTRA_FILE,
                FindingKind.ORPHAN_BLOB), Set.copyOf(r.kinds()), "the README blob no entry uses is an orphan now");
    }

    @Test
    void aLinkToAnotherBlobThanTheHubNamesIsAWrongBlob() throws Exception {
        Files.delete(layout.tree(commit));
        Path pointer = layout.pointer(commit, "config.json");
        Files.delete(pointer);
        String other = remote.files(commit).get("README.md").etag();
        Files.createSymbolicLink(pointer, pointer.getParent().relativize(layout.blob(other)));

        var r = online();

        var f = r.only(FindingKind.WRONG_BLOB);
        assertEquals(pointer, f.path());
        assertEquals(remote.files(commit).get("config.json").etag(), f.etag());
        assertEquals(Verdict.CORRUPT, r.verdict(pointer));
    }

    @Test
    void aRevisionTheHubDoesNotKnowIsStillCheckedOffline() throws Exception {
        var local = new CacheFixture(cache).model("org/tts").file(CacheFixture.commit(77), "a.txt", "a");
        local.flipByte(local.etag(CacheFixture.commit(77), "a.txt"));

        var r = online();

        var failed = r.only(FindingKind.HUB_CHECK_FAILED);
        assertEquals(local.snapshot(CacheFixture.commit(77)), failed.path());
        assertEquals(List.of(new FileRef(CacheFixture.commit(77), "")), failed.files());
        assertEquals(local.blob(local.etag(CacheFixture.commit(77), "a.txt")),
                r.only(FindingKind.CHECKSUM_MISMATCH).path());
        assertTrue(r.report.hubCheckFailed());
    }

    @Test
    void anUnreachableHubLeavesEveryRevisionCheckedOffline() throws Exception {
        new CacheFixture(cache).model("org/tts").file(CacheFixture.commit(78), "b.txt", "b");
        hub.close();

        var r = online();

        assertEquals(2, r.kinds().stream().filter(k -> k == FindingKind.HUB_CHECK_FAILED).count());
        assertEquals(5, r.report.count(Verdict.VERIFIED));
        assertFalse(r.report.problemsRemain());
    }

    @Test
    void aSnapshotFolderThatIsNotACommitIsNotComparedWithWhatTheBranchIsToday() throws Exception {
        var local = new CacheFixture(cache).model("org/tts").file("main", "a.txt", "a");

        var r = online();

        var failed = r.only(FindingKind.HUB_CHECK_FAILED);
        assertEquals(local.snapshot("main"), failed.path());
        assertTrue(failed.finding().detail().contains("not a commit"), failed.finding().detail());
        assertEquals(Verdict.VERIFIED, r.verdict(local.snapshot("main").resolve("a.txt")));
    }
}
