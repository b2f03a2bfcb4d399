package dev.modelkeeper.core.repair;

import java.util.List;

/**
 * What a repair run did.
 *
 * @param done        steps carried out
 * @param needNetwork steps left because no Hub connection was available (offline repair)
 * @param failed      steps that failed, each with a sentence; the files involved are as they were
 * @param fetched     bytes downloaded
 */
public record RepairResult(List<RepairAction> done, List<RepairAction> needNetwork, List<Failure> failed,
                           long fetched) {

    public record Failure(RepairAction action, String reason) {
    }

    public RepairResult {
        done = List.copyOf(done);
        needNetwork = List.copyOf(needNetwork);
        failed = List.copyOf(failed);
    }

    public boolean complete() {
        return needNetwork.isEmpty() && failed.isEmpty();
    }
}
