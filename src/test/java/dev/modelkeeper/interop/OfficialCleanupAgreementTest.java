package dev.modelkeeper.interop;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.cleanup.CleanupOperation;
import dev.modelkeeper.core.cleanup.CleanupPlan;
import dev.modelkeeper.core.cleanup.CleanupPlanner;
import dev.modelkeeper.core.cleanup.CleanupTarget;
import dev.modelkeeper.core.cleanup.Disposal;
import dev.modelkeeper.core.cleanup.InUseCheck;
import dev.modelkeeper.core.cleanup.PruneRules;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.python.OfficialClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two identical caches; the official huggingface_hub 2.0 deletes from one, ModelKeeper from the other. The
 * official scans of both must then be the same, and our freed bytes the official expected_freed_size.
 */
class OfficialCleanupAgreementTest {

    @TempDir
    Path dir;

    /** Revisions sharing blobs, a detached revision, a second repo, a dataset, a partial download. */
    private static void build(Path cache) {
        var fixture = new CacheFixture(cache);
        fixture.model("org/a")
                .lfsFile(commit(1), "w.bin", new byte[3000]).lfsFile(commit(1), "old.bin", filled(1000, 1))
                .file(commit(1), "config.json", "{}")
                .lfsFile(commit(2), "w.bin", new byte[3000]).lfsFile(commit(2), "sub/new.bin", filled(500, 2))
                .file(commit(2), "config.json", "{}")
                .file(commit(3), "config.json", "{\"v\":3}").lfsFile(commit(3), "x.bin", filled(700, 3))
                .ref("main", commit(2)).ref("v1", commit(1))
                .incomplete("e".repeat(64) + ".incomplete", 40);
        fixture.model("org/b").lfsFile(commit(4), "w.bin", filled(900, 4)).ref("main", commit(4))
                .lfsFile(commit(5), "w.bin", filled(900, 4)).lfsFile(commit(5), "y.bin", filled(300, 5));
        fixture.repo(RepoType.DATASET, "org/d").file(commit(6), "data.csv", "a,b\n").ref("main", commit(6));
    }

    private static byte[] filled(int size, int value) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private record Outcome(long freed, Map<String, Object> scan) {
    }

    private Outcome official(String name, String... args) throws Exception {
        Path cache = dir.resolve(name + "-official");
        build(cache);
        var cmd = new ArrayList<>(List.of(cache.toString()));
        cmd.addAll(List.of(args));
        String out = OfficialClient.runScript("hfh_delete.py", Map.of(), cmd.toArray(String[]::new));
        long freed = new ObjectMapper().readTree(out).get("expected_freed_size").asLong();
        return new Outcome(freed, OfficialClient.comparableScan(cache));
    }

    private Outcome ours(String name, Function<CleanupPlanner, CleanupPlan> plan) throws Exception {
        Path cache = dir.resolve(name + "-ours");
        build(cache);
        CacheScan scan = new CacheScanner(new BasicFileSystemProbe(), FileLocks::isHeld).scan(CacheRoot.user(cache),
                ScanListener.NONE, ProgressListener.NONE, Cancellation.create());
        CleanupPlan p = plan.apply(new CleanupPlanner(List.of(scan), FileLocks::isHeld, InUseCheck.NONE));
        var result = new CleanupOperation(p, new Disposal.Permanent()).run(ProgressListener.NONE, Cancellation.create());
        assertTrue(result.failed().isEmpty(), result.failed().toString());
        assertEquals(p.expectedFreedSize(), result.freedBytes());
        return new Outcome(p.expectedFreedSize(), OfficialClient.comparableScan(cache));
    }

    private static List<CleanupTarget> targets(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> CleanupTarget.parse(t).orElseThrow()).toList();
    }

    private void agree(Outcome official, Outcome ours) {
        assertEquals(official.scan(), ours.scan());
        assertEquals(official.freed(), ours.freed());
    }

    @Test
    void oneRevisionWhoseBlobsOtherRevisionsShare() throws Exception {
        agree(official("rev", "revisions", commit(1)), ours("rev", p -> p.remove(targets(commit(1)))));
    }

    @Test
    void aWholeRepoThroughAllItsRevisionsAndARevisionOfAnotherRepo() throws Exception {
        agree(official("whole", "revisions", commit(4), commit(5), commit(2)),
                ours("whole", p -> p.remove(targets("model/org/b", commit(2)))));
    }

    @Test
    void oneFileInEveryRevision() throws Exception {
        agree(official("file", "files", "org/a", "w.bin"), ours("file", p -> p.remove(targets("hf://models/org/a/w.bin"))));
    }

    @Test
    void pruneAsHfCachePrune() throws Exception {
        agree(official("prune", "prune"), ours("prune", p -> p.prune(PruneRules.DEFAULT, Instant.now())));
    }

    @Test
    void aLockHeldByPythonFilelockRefusesTheRepoAndNothingIsRemoved() throws Exception {
        Path cache = dir.resolve("locked");
        build(cache);
        Path lock = cache.resolve(".locks/models--org--a/" + "e".repeat(64) + ".lock");
        Files.createDirectories(lock.getParent());
        var holder = new ProcessBuilder(OfficialClient.python().toString(),
                Path.of("src/test/resources/interop/hfh_hold_lock.py").toAbsolutePath().toString(), lock.toString())
                .redirectErrorStream(true).start();
        try (var reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("held", reader.readLine());
            Map<String, Object> before = OfficialClient.comparableScan(cache);
            CacheScan scan = new CacheScanner(new BasicFileSystemProbe(), FileLocks::isHeld).scan(CacheRoot.user(cache),
                    ScanListener.NONE, ProgressListener.NONE, Cancellation.create());
            CleanupPlan plan = new CleanupPlanner(List.of(scan), FileLocks::isHeld, InUseCheck.NONE)
                    .remove(targets("model/org/a"));
            new CleanupOperation(plan, new Disposal.Permanent()).run(ProgressListener.NONE, Cancellation.create());

            assertTrue(plan.isEmpty());
            String why = plan.refused().getFirst().reason().render(Locale.ENGLISH);
            assertTrue(why.contains("a download is writing into it") && why.contains(lock.toString()), why);
            assertEquals(before, OfficialClient.comparableScan(cache));
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }
}
