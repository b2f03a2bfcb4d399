package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.migrate.MigrationJournal.Step;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * What a move that cannot go on does and says. Before the switch it rolls back (the source is complete
 * where it was, so the copy and the journal go) and says so; after it, the journal stays for
 * {@code --resume} and the sentence says where every file is. Each sentence matches what is on disk.
 */
final class Failures {

    private Failures() {
    }

    /**
     * The first difference between the tree at {@code root} and its earlier state, or a held lock, as a
     * phrase; else null.
     */
    static Message change(Path root, TreeState earlier) throws IOException {
        Path diff = TreeState.of(root).firstDifference(earlier);
        if (diff != null) {
            return MigrateMessages.of("migrate.change.tree", diff.toString().isEmpty() ? root : root.resolve(diff));
        }
        Path held = Preflight.heldLock(root);
        return held != null ? MigrateMessages.of("migrate.change.lock", held) : null;
    }

    /** An I/O error or an unexpected failure while moving. */
    static OperationException stopped(MigrationJournal j, Exception e) {
        String why = MigrateOperation.describe(e);
        if (j == null) {
            return new OperationException(MigrateMessages.of("migrate.failed.notStarted", why), null, e);
        }
        if (beforeSwitch(j) && Files.isDirectory(j.source(), LinkOption.NOFOLLOW_LINKS)) {
            Message rolledBack = rollBack(j, MigrateMessages.of("migrate.next.fixCause"));
            return new OperationException(MigrateMessages.of("migrate.failed.rolledBack", why, rolledBack), j.source(), e);
        }
        return new OperationException(MigrateMessages.of("migrate.failed.resume", why, where(j), j.id()), j.source(), e);
    }

    /** {@code change} is what changed: a phrase from {@link #change}, or the path of a file that differs. */
    static OperationException changedBeforeSwitch(MigrationJournal j, Object change) {
        Message rolledBack = rollBack(j, MigrateMessages.of("migrate.next.noDownloads"));
        return new OperationException(MigrateMessages.of("migrate.failed.changedBeforeSwitch", j.source(), change,
                rolledBack), j.source(), null);
    }

    static OperationException changedAfterSwitch(MigrationJournal j, Object change) {
        String key = j.link() ? "migrate.failed.changedAfterSwitchLinked" : "migrate.failed.changedAfterSwitch";
        return new OperationException(MigrateMessages.of(key, j.destination(), change, j.aside(), j.id(), j.source()),
                j.aside(), null);
    }

    static OperationException mismatch(MigrationJournal j, List<Path> bad) {
        Message rolledBack = rollBack(j, MigrateMessages.of("migrate.next.checkDisk"));
        return new OperationException(MigrateMessages.of("migrate.failed.mismatch", j.partial(),
                bad.size(), bad.getFirst(), rolledBack), j.partial(), null);
    }

    static OperationException cannotAbandon(MigrationJournal j, IOException e) {
        if (!beforeSwitch(j) || !Files.isDirectory(j.source(), LinkOption.NOFOLLOW_LINKS)) {
            return new OperationException(MigrateMessages.of("migrate.failed.pastRollBack", j.source(), j.destination(),
                    j.id(), where(j)), j.source(), e);
        }
        return new OperationException(MigrateMessages.of("migrate.failed.cannotAbandon", j.source(), j.id(),
                MigrateOperation.describe(e)), j.source(), e);
    }

    private static boolean beforeSwitch(MigrationJournal j) {
        return j.step() == Step.PLANNED || (j.copy() && j.step() == Step.COPIED);
    }

    /** Rolls back and says what that left, ending with {@code next} when it worked. */
    private static Message rollBack(MigrationJournal j, Message next) {
        try {
            MigrateOperation.rollBack(j);
            return MigrateMessages.of(j.copy() ? "migrate.rolledBack.copyRemoved" : "migrate.rolledBack", j.source(),
                    next);
        } catch (IOException | RuntimeException e) {
            Path copy = Files.exists(j.partial(), LinkOption.NOFOLLOW_LINKS) ? j.partial() : j.destination();
            return MigrateMessages.of("migrate.rolledBack.copyKept", j.source(), copy, MigrateOperation.describe(e),
                    j.id());
        }
    }

    private static Message where(MigrationJournal j) {
        if (!j.copy()) {
            return MigrateMessages.of("migrate.where.renamed", j.destination());
        }
        return switch (j.step()) {
            case PLANNED, COPIED -> MigrateMessages.of("migrate.where.copied", j.source(), j.destination());
            case SOURCE_MOVED -> MigrateMessages.of("migrate.where.aside", j.aside(), j.destination());
            case SWITCHED -> MigrateMessages.of("migrate.where.switched", j.destination(), j.aside());
        };
    }
}
