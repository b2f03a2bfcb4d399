package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.migrate.MigrationJournal.Step;
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

    /** The first difference between the tree at {@code root} and its earlier state, or a held lock; else null. */
    static String change(Path root, TreeState earlier) throws IOException {
        Path diff = TreeState.of(root).firstDifference(earlier);
        if (diff != null) {
            return (diff.toString().isEmpty() ? root : root.resolve(diff)) + " was added, changed or removed";
        }
        Path held = Preflight.heldLock(root);
        return held != null ? held + " is held by another program, which is downloading into the cache" : null;
    }

    /** An I/O error or an unexpected failure while moving. */
    static OperationException stopped(MigrationJournal j, Exception e) {
        String why = MigrateOperation.describe(e);
        if (j == null) {
            return new OperationException("The move did not start: " + why + ". Nothing was changed.", null, e);
        }
        if (beforeSwitch(j) && Files.isDirectory(j.source(), LinkOption.NOFOLLOW_LINKS)) {
            String rolledBack = rollBack(j, "Fix the cause and run the move again.");
            return new OperationException("The move stopped: " + why + ". " + rolledBack, j.source(), e);
        }
        return new OperationException("The move stopped: " + why + ". Every file is complete in at least one place ("
                + where(j) + "). Run `modelkeeper migrate --resume` to finish the move (ModelKeeper also offers "
                + "this at its next start); the unfinished move's id is " + j.id() + ".", j.source(), e);
    }

    static OperationException changedBeforeSwitch(MigrationJournal j, String change) {
        return new OperationException(j.source() + " changed while it was being moved: " + change + ". "
                + rollBack(j, "Run the move again when no program is downloading into the cache."), j.source());
    }

    static OperationException changedAfterSwitch(MigrationJournal j, String change) {
        return new OperationException("The cache was moved to " + j.destination()
                + (j.link() ? " and " + j.source() + " leads there" : "") + ", but another program changed the "
                + "original while it was being switched (" + change + "). The original is kept, complete, at "
                + j.aside() + "; nothing was deleted. Copy what you need from it into " + j.destination()
                + ", delete it, then run `modelkeeper migrate --resume` to close the move (id " + j.id() + ").",
                j.aside());
    }

    static OperationException mismatch(MigrationJournal j, List<Path> bad) {
        return new OperationException("The copy at " + j.partial() + " differed from the original in " + bad.size()
                + " file(s), e.g. " + bad.getFirst() + "; the destination disk may be failing. "
                + rollBack(j, "Check the destination disk, then run the move again."), j.partial());
    }

    static OperationException cannotAbandon(MigrationJournal j, IOException e) {
        if (!beforeSwitch(j) || !Files.isDirectory(j.source(), LinkOption.NOFOLLOW_LINKS)) {
            return new OperationException("The move of " + j.source() + " to " + j.destination() + " (id " + j.id()
                    + ") cannot be abandoned: the original is no longer at " + j.source() + " (" + where(j)
                    + "), so going back is a move of its own. Run `modelkeeper migrate --resume` to finish it, then "
                    + "`modelkeeper migrate --undo " + j.source() + "` if you want it back. Nothing was changed.",
                    j.source(), e);
        }
        return new OperationException("Could not abandon the move of " + j.source() + " (id " + j.id() + "): "
                + MigrateOperation.describe(e) + ". The original is complete at " + j.source() + "; the record "
                + "of the move was kept, so you can try again.", j.source(), e);
    }

    private static boolean beforeSwitch(MigrationJournal j) {
        return j.step() == Step.PLANNED || (j.copy() && j.step() == Step.COPIED);
    }

    /** Rolls back and says what that left, ending with {@code next} when it worked. */
    private static String rollBack(MigrationJournal j, String next) {
        try {
            MigrateOperation.rollBack(j);
            return "Nothing was moved: the cache is complete at " + j.source() + (j.copy() ? " and the copy was "
                    + "removed" : "") + ". " + next;
        } catch (IOException | RuntimeException e) {
            return "The cache is complete at " + j.source() + ", but the copy at " + (Files.exists(j.partial(),
                    LinkOption.NOFOLLOW_LINKS) ? j.partial() : j.destination()) + " could not be removed ("
                    + MigrateOperation.describe(e) + "). `modelkeeper migrate --abandon " + j.id() + "` removes it "
                    + "and forgets the move.";
        }
    }

    private static String where(MigrationJournal j) {
        if (!j.copy()) {
            return "the cache is at " + j.destination();
        }
        return switch (j.step()) {
            case PLANNED, COPIED -> "the original at " + j.source() + ", the verified copy at " + j.destination();
            case SOURCE_MOVED -> "the original set aside at " + j.aside() + ", the verified copy at " + j.destination();
            case SWITCHED -> "the cache at " + j.destination() + "; the original set aside at " + j.aside()
                    + " waits to be deleted";
        };
    }
}
