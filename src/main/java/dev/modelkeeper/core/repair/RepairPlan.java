package dev.modelkeeper.core.repair;

import dev.modelkeeper.core.verify.VerifyFinding;
import java.util.List;

/**
 * What Repair will do, shown to the user before anything changes.
 *
 * @param actions  the steps, in the order they run
 * @param manual   findings Repair leaves to the user (each finding's repair sentence says what to do)
 */
public record RepairPlan(List<RepairAction> actions, List<VerifyFinding> manual) {

    public RepairPlan {
        actions = List.copyOf(actions);
        manual = List.copyOf(manual);
    }

    /** Bytes known to be downloaded; steps whose size only the Hub knows are not counted. */
    public long bytesToFetch() {
        return actions.stream().filter(a -> a.needsNetwork() && a.bytes() > 0).mapToLong(RepairAction::bytes).sum();
    }

    public long count(RepairAction.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).count();
    }

    public boolean needsNetwork() {
        return actions.stream().anyMatch(RepairAction::needsNetwork);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
