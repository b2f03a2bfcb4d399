package dev.modelkeeper.core.cleanup;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code prune} removes besides what it always removes (detached revisions, partial downloads no process
 * writes, orphan blobs, lock folders of vanished repos, empty folders).
 *
 * @param olderThan also every revision whose snapshot folder was last modified longer ago than this
 * @param unused    also every repo none of whose blobs was read for longer than this (atime, as
 *                  {@code hf cache ls} "accessed")
 * @param xet       also the chunk, shard and staging caches of hf_xet ({@code HF_XET_CACHE}), which the next Xet
 *                  download fills again
 */
public record PruneRules(Optional<Duration> olderThan, Optional<Duration> unused, boolean xet) {

    /** What {@code hf cache prune} removes, and the leftovers it leaves. */
    public static final PruneRules DEFAULT = new PruneRules(Optional.empty(), Optional.empty());

    /** Without the xet caches. */
    public PruneRules(Optional<Duration> olderThan, Optional<Duration> unused) {
        this(olderThan, unused, false);
    }
}
