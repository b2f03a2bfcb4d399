package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.fs.FileSystemInfo.Hazard;
import dev.modelkeeper.core.task.Message;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /** The order in which the destination's hazards are told: the worst first, only one is. */
    private static final List<Hazard> WORST_FIRST = List.of(Hazard.TMPFS, Hazard.CONTAINER_LAYER, Hazard.TEMP_DIRECTORY,
            Hazard.NETWORK);

    /** What a crash, a kill or a power cut in the middle would leave, in a sentence (a key and arguments). */
    public Message ifInterruptedMessage() {
        return sameFilesystem
                ? MigrateMessages.of("migrate.plan.ifInterrupted.rename", request.source(), request.destination())
                : MigrateMessages.of("migrate.plan.ifInterrupted.copy");
    }

    /** {@link #ifInterruptedMessage()} in English. */
    public String ifInterrupted() {
        return ifInterruptedMessage().render(Locale.ROOT);
    }

    /** A warning about the destination in a sentence, or empty when it is a normal disk. */
    public Optional<Message> hazardMessage() {
        return WORST_FIRST.stream().filter(destinationHazards::contains).findFirst()
                .map(h -> MigrateMessages.of("migrate.plan.hazard." + h.name(), request.destination()));
    }

    /** {@link #hazardMessage()} in English, or "" when the destination is a normal disk. */
    public String hazardWarning() {
        return hazardMessage().map(m -> m.render(Locale.ROOT)).orElse("");
    }
}
