package dev.modelkeeper.core.repair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.repair.RepairAction.Kind;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow verifies, plans, asks, repairs and verifies again; a declined plan changes nothing. */
class RepairWorkflowTest {

    private static final byte[] WEIGHTS = new byte[300_000];

    static {
        new Random(5).nextBytes(WEIGHTS);
    }

    @TempDir
    Path cache;
    private HubEmulator hub;
    private Path blob;

    /** What the workflow asked of its caller, in order. */
    private final List<String> calls = new ArrayList<>();
    private final List<RepairPlan> offered = new ArrayList<>();

    @BeforeEach
    void corruptBlob() throws Exception {
        var fixture = FixtureRepo.model("org/wf");
        String c = fixture.commit(1);
        fixture.file(c, "config.json", "{}").lfsFile(c, "model.safetensors", WEIGHTS).ref("main", c);
        hub = new HubEmulator().withCdn().add(fixture);
        new DownloadOperation(client(), new DownloadRequest(RepoType.MODEL, "org/wf", "main", List.of(), List.of(),
                cache, false), 2).run(ProgressListener.NONE, Cancellation.create());
        blob = new HubLayout(cache, RepoType.MODEL, "org/wf").blob(fixture.files(c).get("model.safetensors").etag());
        byte[] b = Files.readAllBytes(blob);
        b[b.length / 2] ^= 0x55;
        Files.write(blob, b);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubClient client() {
        return new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(2, d -> { }));
    }

    private RepairWorkflow workflow(boolean go) {
        return new RepairWorkflow(new RepairPlanner(false), () -> {
            calls.add("hub");
            return Optional.of(client());
        }, BandwidthLimit.NONE, new RepairWorkflow.Steps() {
            @Override
            public VerifyReport verify(boolean again, ProgressListener progress, Cancellation cancel)
                    throws dev.modelkeeper.core.task.OperationException {
                calls.add(again ? "verify again" : "verify");
                return new VerifyOperation(VerifyScope.root(CacheRoot.user(cache)), VerdictStore.inMemory(),
                        VerifyListener.NONE, 2, Optional.empty()).run(progress, cancel);
            }

            @Override
            public boolean confirm(RepairPlan plan) {
                calls.add("confirm");
                offered.add(plan);
                return go;
            }

            @Override
            public void repaired(RepairResult result) {
                calls.add("repaired");
            }
        });
    }

    @Test
    void aCorruptBlobIsPlannedAsOneFetchConfirmedRepairedAndVerifiedClean() throws Exception {
        var outcome = workflow(true).run(ProgressListener.NONE, Cancellation.create());

        assertEquals(List.of("verify", "confirm", "hub", "repaired", "verify again"), calls);
        RepairPlan plan = offered.getFirst();
        assertSame(plan, outcome.plan(), "the caller confirmed the plan that ran");
        assertEquals(List.of(Kind.FETCH_BLOB), plan.actions().stream().map(RepairAction::kind).toList());
        assertEquals(FindingKind.CHECKSUM_MISMATCH, plan.actions().getFirst().cause().kind());
        assertEquals(WEIGHTS.length, plan.bytesToFetch());
        assertTrue(outcome.confirmed() && outcome.repaired());
        assertTrue(outcome.result().complete(), outcome.result().toString());
        assertEquals(1, outcome.result().done().size());
        assertFalse(outcome.report().problemsRemain(), outcome.report().findings().toString());
        assertTrue(outcome.report().findings().stream().noneMatch(f -> f.kind() == FindingKind.CHECKSUM_MISMATCH));
        assertArrayEquals(WEIGHTS, Files.readAllBytes(blob));
    }

    @Test
    void aDeclinedPlanChangesNothing() throws Exception {
        byte[] damaged = Files.readAllBytes(blob);
        long served = hub.bytesServed();

        var outcome = workflow(false).run(ProgressListener.NONE, Cancellation.create());

        assertEquals(List.of("verify", "confirm"), calls, "no Hub, no repair, no second verify");
        assertFalse(outcome.confirmed() || outcome.repaired());
        assertNull(outcome.result());
        assertEquals(1, outcome.plan().actions().size());
        assertTrue(outcome.report().problemsRemain(), "the report is the one before, the damage still there");
        assertArrayEquals(damaged, Files.readAllBytes(blob));
        assertEquals(served, hub.bytesServed(), "nothing was downloaded");
    }

    @Test
    void knownFindingsArePlannedWithoutVerifyingAndACleanScopeIsNotOfferedForConfirmation() throws Exception {
        List<VerifyFinding> known = workflow(false).run(ProgressListener.NONE, Cancellation.create()).report()
                .findings();
        calls.clear();
        var fromKnown = new RepairWorkflow(Optional.of(known), new RepairPlanner(false), Optional::empty,
                BandwidthLimit.NONE, stepsThatOnlyConfirm(false)).run(ProgressListener.NONE, Cancellation.create());
        assertEquals(List.of("confirm"), calls, "planned from what was known");
        assertEquals(1, fromKnown.plan().actions().size());
        assertNull(fromKnown.report());

        calls.clear();
        var nothing = new RepairWorkflow(Optional.of(List.of()), new RepairPlanner(false), Optional::empty,
                BandwidthLimit.NONE, stepsThatOnlyConfirm(true)).run(ProgressListener.NONE, Cancellation.create());
        assertEquals(List.of(), calls, "an empty plan is not offered");
        assertTrue(nothing.plan().isEmpty() && nothing.plan().manual().isEmpty());
        assertFalse(nothing.repaired());
    }

    private RepairWorkflow.Steps stepsThatOnlyConfirm(boolean go) {
        return new RepairWorkflow.Steps() {
            @Override
            public VerifyReport verify(boolean again, ProgressListener progress, Cancellation cancel) {
                throw new AssertionError("no verify expected");
            }

            @Override
            public boolean confirm(RepairPlan plan) {
                calls.add("confirm");
                return go;
            }
        };
    }
}
