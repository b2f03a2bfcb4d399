package dev.modelkeeper.core.cleanup;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.fs.FileStats;
import dev.modelkeeper.core.fs.OpenFiles;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyScope;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupeTest {

    private static final byte[] WEIGHTS = weights();

    @TempDir
    Path dir;

    private static byte[] weights() {
        byte[] b = new byte[100_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    private RepoFixture cache(Path root) {
        return new CacheFixture(root).model("org/name").lfsFile(commit(1), "model.safetensors", WEIGHTS)
                .file(commit(1), "config.json", "{}").ref("main", commit(1));
    }

    private static Object inode(Path p) {
        return FileStats.lstat(p).orElseThrow().fileKey();
    }

    private static DedupeResult run(DedupePlan plan) throws OperationException {
        return new Dedupe(plan, OpenFiles::none).run(ProgressListener.NONE, Cancellation.create());
    }

    private static void assertVerifies(Path root) throws OperationException {
        var report = new VerifyOperation(VerifyScope.root(CacheRoot.user(root)), VerdictStore.inMemory(),
                VerifyListener.NONE).run(ProgressListener.NONE, Cancellation.create());
        assertFalse(report.problemsRemain(), root + ": " + report.findings());
    }

    @Test
    void theSameBlobInTwoRootsBecomesOneInodeAndBothCachesStillVerify() throws Exception {
        var a = cache(dir.resolve("a"));
        var b = cache(dir.resolve("b"));
        String etag = a.etag(commit(1), "model.safetensors");
        assertNotEquals(inode(a.blob(etag)), inode(b.blob(etag)));

        DedupePlan plan = Dedupe.plan(List.of(dir.resolve("a"), dir.resolve("b")), OpenFiles.none());

        assertEquals(2, plan.links().size(), "the weights and the config");
        assertEquals(etag, plan.links().get(0).etag(), "the largest saving first");
        assertEquals(WEIGHTS.length + 2, plan.bytesSaved());
        DedupeResult result = run(plan);

        assertEquals(WEIGHTS.length + 2, result.bytesFreed());
        assertEquals(inode(a.blob(etag)), inode(b.blob(etag)));
        assertArrayEquals(WEIGHTS, Files.readAllBytes(b.snapshot(commit(1)).resolve("model.safetensors")));
        assertVerifies(dir.resolve("a"));
        assertVerifies(dir.resolve("b"));
        assertTrue(Dedupe.plan(List.of(dir.resolve("a"), dir.resolve("b")), OpenFiles.none()).isEmpty(),
                "a second run has nothing to do");
    }

    @Test
    void killedAfterTheTemporaryLinkLosesNothingAndTheNextRunFinishes() throws Exception {
        var a = cache(dir.resolve("a"));
        var b = cache(dir.resolve("b"));
        String etag = a.etag(commit(1), "model.safetensors");
        var roots = List.of(dir.resolve("a"), dir.resolve("b"));
        Dedupe.Steps kill = temp -> {
            throw new IOException("killed");
        };

        assertThrows(OperationException.class, () -> new Dedupe(Dedupe.plan(roots, OpenFiles.none()), OpenFiles::none,
                kill).run(ProgressListener.NONE, Cancellation.create()));

        Path temp = b.blob(etag).resolveSibling(etag + Dedupe.TEMP_SUFFIX);
        assertTrue(Files.exists(temp), "the kill left the temporary link");
        assertNotEquals(inode(a.blob(etag)), inode(b.blob(etag)), "the duplicate was not touched yet");
        assertArrayEquals(WEIGHTS, Files.readAllBytes(b.blob(etag)));
        assertArrayEquals(WEIGHTS, Files.readAllBytes(a.blob(etag)));
        assertVerifies(dir.resolve("a"));

        DedupePlan again = Dedupe.plan(roots, OpenFiles.none());
        assertEquals(List.of(temp), again.leftover());
        run(again);

        assertFalse(Files.exists(temp));
        assertEquals(inode(a.blob(etag)), inode(b.blob(etag)));
        assertVerifies(dir.resolve("b"));
    }

    @Test
    void aCorruptCopyIsNotLinked() throws Exception {
        var a = cache(dir.resolve("a"));
        var b = cache(dir.resolve("b"));
        String etag = a.etag(commit(1), "model.safetensors");
        b.flipByte(etag);

        DedupeResult result = run(Dedupe.plan(List.of(dir.resolve("a"), dir.resolve("b")), OpenFiles.none()));

        assertEquals(DedupePlan.Reason.CORRUPT, result.skipped().get(0).reason());
        assertNotEquals(inode(a.blob(etag)), inode(b.blob(etag)));
        assertTrue(result.skipped().get(0).message().render(Locale.ENGLISH).contains("verify and repair"));
    }

    @Test
    void aCopyHeldOpenByAProcessIsLeftAlone() throws Exception {
        cache(dir.resolve("a"));
        var b = cache(dir.resolve("b"));
        String etag = b.etag(commit(1), "model.safetensors");
        Process tail = new ProcessBuilder("tail", "-f", b.blob(etag).toString()).start();
        try {
            DedupePlan plan = Dedupe.plan(List.of(dir.resolve("a"), dir.resolve("b")), snapshotWith(b.blob(etag)));

            var skip = plan.skipped().stream().filter(s -> s.reason() == DedupePlan.Reason.IN_USE).findFirst()
                    .orElseThrow(() -> new AssertionError(plan));
            assertEquals(b.blob(etag), skip.path());
            assertTrue(skip.message().render(Locale.ENGLISH).contains("tail (PID " + tail.pid() + ")"),
                    skip.message().render(Locale.ENGLISH));
            assertEquals(1, plan.links().size(), "only the config");
        } finally {
            tail.destroy();
            tail.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A snapshot of /proc once the process shows up in it (tail opens its file just after starting). */
    /** A look at /proc once the process really holds the file (it opens it some time after it starts). */
    private static OpenFiles snapshotWith(Path held) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            OpenFiles open = OpenFiles.snapshot();
            if (!open.holders(held).isEmpty()) {
                return open;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no process holds " + held + " after 10 s");
    }

    @Test
    void copiesOnAnotherFilesystemAreSkipped() throws Exception {
        Path other = dir.resolve("other");
        assertTrue(dev.modelkeeper.testing.Tmpfs.mount(other), "needs root to mount a tmpfs");
        try {
            cache(dir.resolve("a"));
            var b = cache(other.resolve("b"));
            String etag = b.etag(commit(1), "model.safetensors");

            DedupePlan plan = Dedupe.plan(List.of(dir.resolve("a"), other.resolve("b")), OpenFiles.none());

            assertEquals(List.of(), plan.links());
            assertTrue(plan.skipped().stream().anyMatch(s -> s.reason() == DedupePlan.Reason.OTHER_FILESYSTEM
                    && s.path().getFileName().toString().equals(etag)), plan.toString());
        } finally {
            dev.modelkeeper.testing.Tmpfs.unmount(other);
        }
    }

    private static final String CONFIG = "{\"hidden_size\": 64}";

    /** A repo with {@code config.json} as a blob at commit 1 and as a copy-mode file at commit 2 (nested). */
    private RepoFixture copyModeCache(Path root) {
        return new CacheFixture(root).model("org/name").file(commit(1), "config.json", CONFIG)
                .copyFile(commit(2), "sub/dir/config.json", CONFIG).ref("main", commit(2));
    }

    @Test
    void aCopyModeSnapshotFileBecomesASymlinkToItsBlobAndReadsTheSame() throws Exception {
        var repo = copyModeCache(dir.resolve("a"));
        String etag = repo.etag(commit(1), "config.json");
        Path copy = repo.snapshot(commit(2)).resolve("sub/dir/config.json");

        DedupePlan plan = Dedupe.plan(List.of(dir.resolve("a")), OpenFiles.none());

        assertEquals(List.of(new DedupePlan.Relink(copy, repo.blob(etag), etag, CONFIG.length())), plan.relinks());
        assertEquals(CONFIG.length(), plan.bytesSaved());
        DedupeResult result = run(plan);

        assertEquals(CONFIG.length(), result.bytesFreed());
        assertEquals(plan.relinks(), result.relinked());
        assertTrue(Files.isSymbolicLink(copy));
        assertEquals(Path.of("../../../../blobs/" + etag), Files.readSymbolicLink(copy), "relative, one ../ per level");
        assertEquals(CONFIG, Files.readString(copy));
        assertVerifies(dir.resolve("a"));
        assertTrue(Dedupe.plan(List.of(dir.resolve("a")), OpenFiles.none()).isEmpty(), "nothing left to do");
        try (var left = Files.list(repo.dir())) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().endsWith(Dedupe.TEMP_SUFFIX)), "no probe left");
        }
    }

    @Test
    void aCopyModeFileWhoseContentDiffersFromEveryBlobIsLeft() throws Exception {
        String sameSize = CONFIG.replace('6', '7');
        var repo = copyModeCache(dir.resolve("a")).copyFile(commit(2), "tokenizer.json", sameSize)
                .copyFile(commit(2), "README.md", "no blob of this size");
        Path changed = repo.snapshot(commit(2)).resolve("tokenizer.json");
        Path unique = repo.snapshot(commit(2)).resolve("README.md");

        DedupePlan plan = Dedupe.plan(List.of(dir.resolve("a")), OpenFiles.none());
        var noBlob = plan.skipped().stream().filter(s -> s.path().equals(unique)).findFirst()
                .orElseThrow(() -> new AssertionError(plan));
        assertEquals(DedupePlan.Reason.NO_BLOB, noBlob.reason());
        assertTrue(noBlob.message().render(Locale.ENGLISH).contains("stays a regular file"));
        DedupeResult result = run(plan);

        var differs = result.skipped().stream().filter(s -> s.path().equals(changed)).findFirst()
                .orElseThrow(() -> new AssertionError(result));
        assertEquals(DedupePlan.Reason.DIFFERENT, differs.reason());
        assertEquals(1, result.relinked().size(), "only the real copy");
        assertFalse(Files.isSymbolicLink(changed));
        assertEquals(sameSize, Files.readString(changed));
        assertFalse(Files.isSymbolicLink(unique));
        assertEquals("no blob of this size", Files.readString(unique));
    }

    @Test
    void killedAfterTheTemporarySymlinkKeepsTheCopyAndTheNextRunRemovesIt() throws Exception {
        var repo = copyModeCache(dir.resolve("a"));
        Path copy = repo.snapshot(commit(2)).resolve("sub/dir/config.json");
        Path temp = copy.resolveSibling("config.json" + Dedupe.TEMP_SUFFIX);
        var roots = List.of(dir.resolve("a"));
        Dedupe.Steps kill = link -> {
            throw new IOException("killed");
        };

        assertThrows(OperationException.class, () -> new Dedupe(Dedupe.plan(roots, OpenFiles.none()), OpenFiles::none,
                kill).run(ProgressListener.NONE, Cancellation.create()));

        assertTrue(Files.isSymbolicLink(temp), "the kill left the temporary symlink");
        assertFalse(Files.isSymbolicLink(copy), "the copy was not touched yet");
        assertEquals(CONFIG, Files.readString(copy));

        DedupePlan again = Dedupe.plan(roots, OpenFiles.none());
        assertEquals(List.of(temp), again.leftover());
        assertEquals(1, again.relinks().size());
        run(again);

        assertFalse(Files.exists(temp, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(copy));
        assertEquals(CONFIG, Files.readString(copy));
        assertVerifies(dir.resolve("a"));
    }
}
