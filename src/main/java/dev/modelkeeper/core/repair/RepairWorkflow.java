package dev.modelkeeper.core.repair;

import dev.modelkeeper.core.task.OperationTitles;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Repair as one workflow, the same for the window and {@code modelkeeper repair}: verify what is to be
 * repaired (unless the caller already knows what verify found there), plan ({@link RepairPlanner}), hand
 * the plan to the caller to confirm, run it ({@link RepairOperation}), and verify again. The order is this
 * class's; how a verify runs and how the plan is shown are the caller's {@link Steps}. A plan without
 * actions is not offered for confirmation and nothing runs; a declined plan changes nothing.
 */
public final class RepairWorkflow implements Operation<RepairWorkflow.Outcome> {

    /** Where the caller takes part. Called on the thread that runs the workflow, in this order. */
    public interface Steps {

        /**
         * Verifies what is to be repaired: before planning ({@code again} false; its findings are what the
         * plan is made from) and after the repair ({@code again} true).
         */
        VerifyReport verify(boolean again, ProgressListener progress, Cancellation cancel) throws OperationException;

        /** Shows the plan, which has actions, before anything changes; true to carry it out. */
        boolean confirm(RepairPlan plan) throws OperationException;

        /** Runs the repair; by default right here (the window runs it as a job of its own). */
        default RepairResult repair(RepairOperation repair, ProgressListener progress, Cancellation cancel)
                throws OperationException {
            return repair.run(progress, cancel);
        }

        /** The repair ran (complete or not); called before the verify after it. */
        default void repaired(RepairResult result) throws OperationException {
        }
    }

    /**
     * What the workflow did.
     *
     * @param plan      the plan, made from the first verify's findings (or the known ones)
     * @param confirmed whether the plan had actions and the caller confirmed it
     * @param result    what the repair did; null when it did not run
     * @param report    the latest verify: the one after the repair when it ran, else the one before; null when
     *                  the workflow planned from known findings and ran nothing
     */
    public record Outcome(RepairPlan plan, boolean confirmed, RepairResult result, VerifyReport report) {

        /** Whether the repair ran. */
        public boolean repaired() {
            return result != null;
        }
    }

    private final Optional<List<VerifyFinding>> known;
    private final RepairPlanner planner;
    private final Supplier<Optional<HubClient>> hub;
    private final BandwidthLimit limit;
    private final Steps steps;

    /**
     * @param known   what verify already found in the scope, to plan from without verifying first; empty to
     *                verify first
     * @param hub     the Hub to fetch from, asked for only once the plan is confirmed; empty to repair offline
     */
    public RepairWorkflow(Optional<List<VerifyFinding>> known, RepairPlanner planner,
                          Supplier<Optional<HubClient>> hub, BandwidthLimit limit, Steps steps) {
        this.known = known.map(List::copyOf);
        this.planner = Objects.requireNonNull(planner);
        this.hub = Objects.requireNonNull(hub);
        this.limit = Objects.requireNonNull(limit);
        this.steps = Objects.requireNonNull(steps);
    }

    /** Verifies first, always. */
    public RepairWorkflow(RepairPlanner planner, Supplier<Optional<HubClient>> hub, BandwidthLimit limit,
                          Steps steps) {
        this(Optional.empty(), planner, hub, limit, steps);
    }

    @Override
    public Message title() {
        return OperationTitles.of("repair.workflow");
    }

    @Override
    public Outcome run(ProgressListener progress, Cancellation cancel) throws OperationException {
        VerifyReport before = known.isPresent() ? null : steps.verify(false, progress, cancel);
        RepairPlan plan = planner.plan(known.isPresent() ? known.get() : before.findings());
        if (plan.isEmpty()) {
            return new Outcome(plan, false, null, before);
        }
        cancel.throwIfCancelled();
        if (!steps.confirm(plan)) {
            return new Outcome(plan, false, null, before);
        }
        cancel.throwIfCancelled();
        RepairResult result = steps.repair(new RepairOperation(plan, hub.get(), limit), progress, cancel);
        steps.repaired(result);
        VerifyReport after = steps.verify(true, progress, cancel);
        return new Outcome(plan, true, result, after);
    }
}
