package dev.modelkeeper.core.repair;

import dev.modelkeeper.core.task.OperationException;
import java.util.List;
import java.util.Locale;

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

    /**
     * A step that failed and why.
     *
     * @param action the step
     * @param error  the failure, whose sentence is rendered in the reader's language
     */
    public record Failure(RepairAction action, OperationException error) {

        /** The sentence in the system language. */
        public String reason() {
            return error.getMessage();
        }

        /** The sentence in {@code locale}. */
        public String reason(Locale locale) {
            return error.message(locale);
        }
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
