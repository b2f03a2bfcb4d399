package dev.modelkeeper.core.repair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerifyFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a repair killed midway left (here: the original set aside as {@code blobs/<etag>.repair-aside},
 * the blob gone, as versions before the journal left it) is never an orphan blob, and the next verify or
 * repair of the cache puts the original back, even with {@code --delete-orphans} and no Hub.
 */
class RepairRecoveryTest {

    @TempDir
    Path dir;
    private RepairBench bench;
    private Path aside;

    @BeforeEach
    void killedMidway() throws Exception {
        bench = new RepairBench(dir.resolve("hub"), false);
        aside = bench.target.resolveSibling(bench.etag + ".repair-aside");
        Files.move(bench.target, aside);
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private List<Finding> scan() {
        var scan = new CacheScanner(p -> Optional.empty(), FileLocks::isHeld).scanRepo(CacheRoot.user(bench.cache),
                bench.layout.repo());
        return scan.repos().getFirst().findings();
    }

    @Test
    void theScannerNeverCallsItAnOrphan() {
        var findings = scan();

        assertTrue(findings.stream().noneMatch(f -> f.kind() == FindingKind.ORPHAN_BLOB), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.kind() == FindingKind.INTERRUPTED_REPAIR
                && f.path().equals(aside)), findings.toString());
    }

    @Test
    void deleteOrphansWithoutTheHubPutsTheOriginalBack() throws Exception {
        var result = bench.repair(false, true, ProgressListener.NONE, Cancellation.create());

        assertArrayEquals(bench.damaged, bench.weights(), "the original is back: " + result);
        assertEquals(List.of(), bench.leftovers());
        assertTrue(result.done().stream().noneMatch(a -> a.kind() == RepairAction.Kind.DELETE_ORPHAN), result.toString());
    }

    @Test
    void aVerifyPutsTheOriginalBackAndSaysSo() throws Exception {
        var report = bench.verify();

        assertArrayEquals(bench.damaged, bench.weights());
        assertEquals(List.of(), bench.leftovers());
        assertTrue(report.findings().stream().map(VerifyFinding::kind).toList()
                .containsAll(List.of(FindingKind.INTERRUPTED_REPAIR_FINISHED, FindingKind.CHECKSUM_MISMATCH)),
                report.findings().toString());
        // and a repair with the Hub up then replaces the damaged original
        assertTrue(bench.repair(true, true, ProgressListener.NONE, Cancellation.create()).complete());
        assertArrayEquals(RepairBench.WEIGHTS, bench.weights());
        assertEquals(List.of(), bench.verify().findings());
    }

    @Test
    void anAsideWhoseVerifiedReplacementIsInPlaceGoes() throws Exception {
        Files.write(bench.target, RepairBench.WEIGHTS);

        bench.verify();

        assertArrayEquals(RepairBench.WEIGHTS, bench.weights());
        assertFalse(Files.exists(aside));
    }

    @Test
    void anAsideBesideADamagedFileComesBackOverIt() throws Exception {
        Files.write(bench.target, new byte[] {1, 2, 3});

        bench.verify();

        assertArrayEquals(bench.damaged, bench.weights(), "the original, not an unverified file");
        assertFalse(Files.exists(aside));
    }

    @Test
    void whatARunningRepairHoldsIsLeftAlone() throws Exception {
        try (var held = FileLocks.tryLock(bench.layout.lock(bench.etag)).orElseThrow()) {
            var report = bench.verify();

            assertTrue(Files.exists(aside), "not touched while its repair runs");
            assertTrue(report.findings().stream().noneMatch(f -> f.kind() == FindingKind.ORPHAN_BLOB
                    || f.kind() == FindingKind.INTERRUPTED_REPAIR_FINISHED), report.findings().toString());
        }
        assertTrue(scan().stream().anyMatch(f -> f.kind() == FindingKind.INTERRUPTED_REPAIR));
    }
}
