package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.fs.FileSystemInfo.Hazard;
import java.util.Set;

/**
 * What a migration will do, shown before it starts.
 *
 * @param request            the source, destination and options
 * @param bytes              bytes of regular files that move (links and folders are not counted)
 * @param files              regular files, links and folders that move
 * @param sameFilesystem     true: one atomic rename; false: copy, verify, then switch
 * @param freeBefore         free bytes on the destination's filesystem now
 * @param freeAfter          free bytes there afterwards (equal to before for a rename)
 * @param destinationHazards why the destination may lose what is put there (tmpfs, a temp folder …);
 *                           empty for a normal disk
 */
public record MigrationPlan(MigrationRequest request, long bytes, long files, boolean sameFilesystem,
                            long freeBefore, long freeAfter, Set<Hazard> destinationHazards) {

    public MigrationPlan {
        destinationHazards = Set.copyOf(destinationHazards);
    }

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

    /** A warning about the destination in a sentence, or empty when it is a normal disk. */
    public String hazardWarning() {
        if (destinationHazards.contains(Hazard.TMPFS)) {
            return "Warning: " + request.destination() + " is in memory (tmpfs): the cache will vanish at the next "
                    + "restart and every model will have to be downloaded again.";
        }
        if (destinationHazards.contains(Hazard.CONTAINER_LAYER)) {
            return "Warning: " + request.destination() + " is inside a container's own layer: the cache will vanish "
                    + "with the container; use a mounted volume instead.";
        }
        if (destinationHazards.contains(Hazard.TEMP_DIRECTORY)) {
            return "Warning: " + request.destination() + " is in a temporary folder that the system cleans: the "
                    + "cache may vanish.";
        }
        if (destinationHazards.contains(Hazard.NETWORK)) {
            return "Warning: " + request.destination() + " is on a network filesystem: the cache is unavailable "
                    + "when the network is, and downloads may not be able to lock files there.";
        }
        return "";
    }
}
