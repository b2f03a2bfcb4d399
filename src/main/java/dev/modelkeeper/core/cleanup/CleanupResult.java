package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.task.Message;
import java.nio.file.Path;
import java.util.List;

/**
 * What a cleanup did.
 *
 * @param removed what is gone
 * @param refused repos skipped because a download took their lock after the plan was made
 * @param failed  what could not be removed, with the reason
 */
public record CleanupResult(List<CleanupPlan.Removal> removed, List<CleanupPlan.Refusal> refused,
                            List<Failure> failed) {

    /**
     * One removal that failed.
     *
     * @param path   what stays
     * @param reason why
     */
    public record Failure(Path path, Message reason) {
    }

    public CleanupResult {
        removed = List.copyOf(removed);
        refused = List.copyOf(refused);
        failed = List.copyOf(failed);
    }

    /** Bytes freed by what was removed. */
    public long freedBytes() {
        return removed.stream().mapToLong(CleanupPlan.Removal::bytes).sum();
    }
}
