package dev.modelkeeper.core.migrate;

/**
 * What a migration will do, shown before it starts.
 *
 * @param request        the source, destination and options
 * @param bytes          bytes of regular files that move (links and folders are not counted)
 * @param files          regular files, links and folders that move
 * @param sameFilesystem true: one atomic rename; false: copy, verify, then switch
 * @param freeBefore     free bytes on the destination's filesystem now
 * @param freeAfter      free bytes there afterwards (equal to before for a rename)
 */
public record MigrationPlan(MigrationRequest request, long bytes, long files, boolean sameFilesystem,
                            long freeBefore, long freeAfter) {

    /** What a crash, a kill or a power cut in the middle would leave, in a sentence. */
    public String ifInterrupted() {
        return sameFilesystem
                ? "The move is one rename: the cache is either still at " + request.source() + " or already at "
                        + request.destination() + "; starting ModelKeeper again (or `modelkeeper migrate --resume`) "
                        + "puts the link in place."
                : "Until the copy is verified the original stays untouched; after that the switch is journaled. "
                        + "Starting ModelKeeper again (or `modelkeeper migrate --resume`) finishes or rolls back, and "
                        + "every file stays complete in at least one place.";
    }
}
