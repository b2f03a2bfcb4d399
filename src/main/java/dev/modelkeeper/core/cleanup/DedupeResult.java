package dev.modelkeeper.core.cleanup;

import java.util.List;

/**
 * What a dedupe run did.
 *
 * @param linked     duplicates now hard links of the kept file
 * @param bytesFreed the bytes those duplicates held
 * @param skipped    duplicates the run left alone (checked again when it ran: in use, corrupt, busy)
 */
public record DedupeResult(List<DedupePlan.Link> linked, long bytesFreed, List<DedupePlan.Skip> skipped) {

    public DedupeResult {
        linked = List.copyOf(linked);
        skipped = List.copyOf(skipped);
    }
}
