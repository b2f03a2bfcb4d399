package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cleanup.CleanupOperation;
import dev.modelkeeper.core.cleanup.CleanupPlan;
import dev.modelkeeper.core.cleanup.CleanupResult;
import dev.modelkeeper.core.cleanup.Dedupe;
import dev.modelkeeper.core.cleanup.DedupePlan;
import dev.modelkeeper.core.cleanup.DedupeResult;
import dev.modelkeeper.core.cleanup.Disposal;
import dev.modelkeeper.core.fs.OpenFiles;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import java.util.function.Supplier;

/**
 * One cleanup job: the duplicates linked first (so no link is made to a blob the removals take away), then
 * the removals. Either part may be absent.
 */
final class CleanUpRun implements Operation<CleanUpRun.Outcome> {

    /** What the job did; a part not asked for is null. */
    record Outcome(CleanupResult cleanup, DedupeResult dedupe) {
        long freedBytes() {
            return (cleanup == null ? 0 : cleanup.freedBytes()) + (dedupe == null ? 0 : dedupe.bytesFreed());
        }
    }

    private final CleanupPlan plan;
    private final DedupePlan dedupe;
    private final Disposal disposal;
    private final Supplier<OpenFiles> openFiles;
    private final Message title;

    CleanUpRun(CleanupPlan plan, DedupePlan dedupe, Disposal disposal, Supplier<OpenFiles> openFiles, Message title) {
        this.plan = plan;
        this.dedupe = dedupe;
        this.disposal = disposal;
        this.openFiles = openFiles;
        this.title = title;
    }

    @Override
    public Message title() {
        return title;
    }

    @Override
    public Outcome run(ProgressListener progress, Cancellation cancellation) throws OperationException {
        DedupeResult linked = dedupe == null ? null : new Dedupe(dedupe, openFiles).run(progress, cancellation);
        CleanupResult removed = plan == null ? null : new CleanupOperation(plan, disposal).run(progress, cancellation);
        return new Outcome(removed, linked);
    }
}
