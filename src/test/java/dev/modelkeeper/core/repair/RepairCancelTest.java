package dev.modelkeeper.core.repair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerifyFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repair cancelled before the download, in the middle of it, or after it and before the links are
 * made leaves the cache as it was or repaired, never worse: a verify afterwards finds nothing that was
 * not there before, the damaged file is the original or the verified replacement, nothing of the repair
 * is left behind, and running the repair again finishes it.
 */
class RepairCancelTest {

    @TempDir
    Path dir;

    /** Cancels when the operation announces a step whose text starts with {@code prefix}. */
    private static ProgressListener cancelAt(String prefix, Cancellation cancel) {
        return new ProgressListener() {
            @Override
            public void message(String message) {
                if (message.startsWith(prefix)) {
                    cancel.cancel();
                }
            }
        };
    }

    private static Set<String> problems(RepairBench bench) throws Exception {
        return bench.verify().findings().stream().map(f -> f.kind() + " " + f.path()).collect(Collectors.toSet());
    }

    private static void assertNeverWorseAndRepairable(RepairBench bench, Set<String> before) throws Exception {
        // the partial download of the blob being replaced is kept on purpose: the next repair resumes it
        Set<String> after = problems(bench).stream()
                .filter(p -> !p.equals("INCOMPLETE_FILE " + bench.layout.incomplete(bench.etag)))
                .collect(Collectors.toSet());
        assertTrue(before.containsAll(after), "nothing new is wrong: " + after + " / " + before);
        byte[] now = bench.weights();
        assertTrue(java.util.Arrays.equals(now, bench.damaged) || java.util.Arrays.equals(now, RepairBench.WEIGHTS));
        assertEquals(List.of(), bench.leftovers());
        assertTrue(bench.repair(true, false, ProgressListener.NONE, Cancellation.create()).complete());
        assertArrayEquals(RepairBench.WEIGHTS, bench.weights());
        assertEquals(List.of(), bench.verify().findings());
    }

    @Test
    void cancelledBeforeTheDownloadLeavesTheOriginal() throws Exception {
        for (boolean copyMode : List.of(false, true)) {
            try (var bench = new RepairBench(dir.resolve("before-" + copyMode), copyMode)) {
                var before = problems(bench);
                var cancel = Cancellation.create();

                assertThrows(CancelledException.class, () -> bench.repair(true, false, cancelAt("FETCH_", cancel), cancel));

                assertArrayEquals(bench.damaged, bench.weights(), "copy mode " + copyMode);
                assertNeverWorseAndRepairable(bench, before);
            }
        }
    }

    @Test
    void cancelledMidDownloadLeavesTheOriginalAndThePartialForNextTime() throws Exception {
        for (boolean copyMode : List.of(false, true)) {
            try (var bench = new RepairBench(dir.resolve("mid-" + copyMode), copyMode)) {
                var before = problems(bench);
                var cancel = Cancellation.create();
                bench.hub.throttle(40_000);
                Path partial = bench.layout.incomplete(bench.etag);
                Thread.ofVirtual().start(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    try {
                        while (!(Files.exists(partial) && Files.size(partial) > 0) && System.nanoTime() < deadline) {
                            Thread.sleep(10);
                        }
                    } catch (Exception ignored) {
                        // cancel anyway
                    }
                    cancel.cancel();
                });

                assertThrows(CancelledException.class,
                        () -> bench.repair(true, false, ProgressListener.NONE, cancel));

                assertArrayEquals(bench.damaged, bench.weights(), "copy mode " + copyMode);
                assertTrue(Files.size(partial) > 0, "what arrived is kept to resume");
                bench.hub.throttle(0);
                assertNeverWorseAndRepairable(bench, before);
            }
        }
    }

    @Test
    void cancelledAfterTheDownloadBeforeTheRelinkKeepsTheReplacementAndTheLinkAsItWas() throws Exception {
        try (var bench = new RepairBench(dir.resolve("after"), false)) {
            Path config = bench.layout.blob(bench.configEtag);
            Files.delete(config); // a dangling link: fetched, then linked, after the weights
            var before = problems(bench);
            var cancel = Cancellation.create();

            assertThrows(CancelledException.class, () -> bench.repair(true, false, cancelAt("RELINK", cancel), cancel));

            assertArrayEquals(RepairBench.WEIGHTS, bench.weights(), "the verified replacement stays");
            assertTrue(Files.notExists(config), "the link is as it was");
            assertTrue(problems(bench).stream().noneMatch(p -> p.contains(bench.etag)), "the weights are repaired");
            assertNeverWorseAndRepairable(bench, before);
        }
    }

    @Test
    void aPlanMadeBeforeAnInterruptedRepairStillFinishesIt() throws Exception {
        try (var bench = new RepairBench(dir.resolve("stale-plan"), false)) {
            var plan = new RepairPlanner(false).plan(bench.verify().findings());
            Path aside = bench.target.resolveSibling(bench.etag + ".repair-aside");
            Files.move(bench.target, aside); // an older version was killed after planning

            var result = new RepairOperation(plan, java.util.Optional.empty(), dev.modelkeeper.core.download.BandwidthLimit.NONE)
                    .run(ProgressListener.NONE, Cancellation.create());

            assertArrayEquals(bench.damaged, bench.weights(), result.toString());
            assertEquals(List.of(), bench.leftovers());
            assertTrue(bench.verify().findings().stream().map(VerifyFinding::etag).anyMatch(bench.etag::equals));
        }
    }
}
