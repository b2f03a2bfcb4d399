package dev.modelkeeper.core.cleanup;

import java.util.List;

/**
 * What a dedupe run did.
 *
 * @param linked     duplicates now hard links of the kept file
 * @param relinked   copy-mode snapshot files now symlinks to their blob
 * @param bytesFreed the bytes those duplicates and copies held
 * @param skipped    copies the run left alone (checked again when it ran: in use, corrupt, busy, different)
 */
public record DedupeResult(List<DedupePlan.Link> linked, List<DedupePlan.Relink> relinked, long bytesFreed,
        List<DedupePlan.Skip> skipped) {

    public DedupeResult {
        linked = List.copyOf(linked);
        relinked = List.copyOf(relinked);
        skipped = List.copyOf(skipped);
    }
}
