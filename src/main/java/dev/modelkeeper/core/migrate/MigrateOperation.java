package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.task.OperationTitles;
import dev.modelkeeper.core.fs.FileSystemProbe;
import dev.modelkeeper.core.fs.FileSystemProbes;
import dev.modelkeeper.core.migrate.MigrationJournal.Step;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/**
 * Moves a cache folder to another place and, if asked, leaves a symlink at the old path, so that every
 * program keeps finding it. On one filesystem it is a single rename. Across filesystems: copy beside the
 * destination, verify the copy, rename it into place, make sure the source did not change meanwhile (no
 * download landed in it, no lock in it is held), rename the source aside, put the link at the old path,
 * and only then delete the set-aside source, after checking once more that it is exactly what was
 * copied. Each step is journaled first, so after a crash or a kill {@link #resume} finishes the job (or
 * {@link #abandon} undoes it while the source is untouched); at every instant every file is complete in
 * at least one place. A failure or a cancel before the switch rolls back, so no journal is left then.
 */
public final class MigrateOperation implements Operation<MigrationJournal> {

    private final Path stateDir;
    private final MigrationPlan plan;
    private final MigrationJournal resumeFrom;
    private MigrationJournal current;
    /** The source as it was when this run started copying it; null when resuming past that point. */
    private TreeState copied;

    private MigrateOperation(Path stateDir, MigrationPlan plan, MigrationJournal resumeFrom) {
        this.stateDir = stateDir;
        this.plan = plan;
        this.resumeFrom = resumeFrom;
    }

    /** Runs a plan made by {@link #preflight}. */
    public static MigrateOperation start(Path stateDir, MigrationPlan plan) {
        return new MigrateOperation(stateDir, plan, null);
    }

    /** Finishes a migration found in {@link MigrationJournal#pending}. */
    public static MigrateOperation resume(MigrationJournal journal) {
        return new MigrateOperation(null, null, journal);
    }

    @Override
    public Message title() {
        var j = resumeFrom;
        return j != null ? OperationTitles.of("migrate.finish", j.source())
                : OperationTitles.of("migrate.move", plan.request().source(), plan.request().destination());
    }

    /**
     * Checks everything that can be checked before touching the disk and describes the move. Refuses
     * with a plain reason; never changes anything.
     *
     * @param busy true for paths the app's own jobs are using (a running download, verify …)
     */
    public static MigrationPlan preflight(MigrationRequest r, Predicate<Path> busy) throws MigrationRefused {
        return Preflight.check(r, busy, false, FileSystemProbes.forCurrentOs());
    }

    /** As {@link #preflight(MigrationRequest, Predicate)}, with the probe that tells the destination's hazards. */
    public static MigrationPlan preflight(MigrationRequest r, Predicate<Path> busy, FileSystemProbe probe)
            throws MigrationRefused {
        return Preflight.check(r, busy, false, probe);
    }

    /**
     * Preflight for moving a migrated cache back: the request's destination is the link left at the old
     * path (it is replaced by the folder), its source the folder the link points to.
     */
    public static MigrationPlan preflightUndo(MigrationRequest r) throws MigrationRefused {
        return Preflight.check(r, p -> false, true, FileSystemProbes.forCurrentOs());
    }

    // ---------------------------------------------------------------- running

    @Override
    public MigrationJournal run(ProgressListener progress, Cancellation cancel) throws OperationException {
        current = resumeFrom;
        try {
            if (current == null) {
                boolean undo = Files.isSymbolicLink(plan.request().destination());
                current = MigrationJournal.start(stateDir, plan.request(), !plan.sameFilesystem(), undo);
                CrashPoints.reach("planned");
            }
            return current.copy() ? copyMode(progress, cancel) : renameMode();
        } catch (IOException | RuntimeException e) {
            throw Failures.stopped(current, e);
        }
    }

    private void step(Step next) throws IOException {
        current = current.at(next);
    }

    private MigrationJournal renameMode() throws IOException {
        Path s = current.source();
        Path d = current.destination();
        if (current.step() == Step.PLANNED) {
            if (current.undo()) {
                Folders.removeLinkTo(d, s); // undo: the destination path is the link to the folder coming back
            }
            if (Files.exists(s, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(s)) {
                Files.move(s, d, StandardCopyOption.ATOMIC_MOVE);
            }
            step(Step.SOURCE_MOVED);
            CrashPoints.reach("moved");
        }
        if (current.step() == Step.SOURCE_MOVED) {
            if (current.link()) {
                Folders.placeLink(s, d);
            }
            step(Step.SWITCHED);
            CrashPoints.reach("switched");
        }
        current.delete();
        return current;
    }

    private MigrationJournal copyMode(ProgressListener progress, Cancellation cancel)
            throws IOException, OperationException {
        Path s = current.source();
        Path d = current.destination();
        if (current.step() == Step.PLANNED) {
            if (!copiedInPlace(current)) {
                copyAndVerify(progress, cancel);
                if (current.undo()) {
                    Folders.removeLinkTo(d, s);
                }
                Files.move(current.partial(), d, StandardCopyOption.ATOMIC_MOVE);
            }
            step(Step.COPIED);
            CrashPoints.reach("in-place");
        }
        if (current.step() == Step.COPIED) {
            if (Files.exists(s, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(s)) {
                // the last instant the source can simply stay: it must be what was copied, and nobody writing
                Object change = copied != null ? Failures.change(s, copied) : reverify(s, d, progress, cancel);
                if (change != null) {
                    throw Failures.changedBeforeSwitch(current, change);
                }
                Files.move(s, current.aside(), StandardCopyOption.ATOMIC_MOVE);
            }
            step(Step.SOURCE_MOVED);
            CrashPoints.reach("aside");
        }
        if (current.step() == Step.SOURCE_MOVED) {
            if (current.link() && !Files.isSymbolicLink(s)) {
                Folders.placeLink(s, d);
            }
            step(Step.SWITCHED);
            CrashPoints.reach("switched");
        }
        Path aside = current.aside();
        if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
            // a program that had a file open in the source may have written on after the switch
            Object change = copied != null ? Failures.change(aside, copied) : reverify(aside, d, progress, cancel);
            if (change != null) {
                throw Failures.changedAfterSwitch(current, change);
            }
            CrashPoints.reach("checked-aside");
            Folders.deleteTree(aside);
        }
        current.delete();
        return current;
    }

    private void copyAndVerify(ProgressListener progress, Cancellation cancel) throws IOException, OperationException {
        Path s = current.source();
        Path d = current.destination();
        if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(d); // the empty folder the user chose; the verified copy takes its name
        }
        copied = TreeState.of(s);
        long total = plan != null ? plan.bytes() : measureQuietly(s);
        var copy = new TreeCopy(s, current.partial(), total, progress, cancel);
        try {
            copy.copy();
            CrashPoints.reach("copied");
            var bad = copy.verify();
            if (!bad.isEmpty()) {
                Message change = Failures.change(s, copied);
                throw change != null ? Failures.changedBeforeSwitch(current, change)
                        : Failures.mismatch(current, bad);
            }
        } catch (CancelledException e) {
            rollBack(current);
            throw e;
        }
        Folders.syncAll();
        CrashPoints.reach("verified");
    }

    /**
     * Resuming without the state from before the copy: the whole copy is compared with {@code from} again.
     * What changed is the path of the first file that differs, or a phrase from {@link Failures#change}; else null.
     */
    private Object reverify(Path from, Path copy, ProgressListener progress, Cancellation cancel)
            throws IOException, CancelledException {
        TreeState before = TreeState.of(from);
        var bad = new TreeCopy(from, copy, measureQuietly(from), progress, cancel).verify();
        if (!bad.isEmpty()) {
            return bad.getFirst();
        }
        Message change = Failures.change(from, before);
        copied = change == null ? before : null;
        return change;
    }

    /** A crash right after the verified copy was renamed into place leaves it there and no partial. */
    static boolean copiedInPlace(MigrationJournal j) throws IOException {
        Path d = j.destination();
        return Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !Files.exists(j.partial(), LinkOption.NOFOLLOW_LINKS)
                && !Folders.isEmptyDir(d);
    }

    private static long measureQuietly(Path s) {
        try {
            return Preflight.measure(s)[0];
        } catch (MigrationRefused e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- rolling back

    /**
     * Undoes a migration that has not switched yet: the copy (partial or in place) goes, a link an undo
     * took away is put back, the journal goes; the source was never touched. After the switch there is
     * nothing to roll back; resume finishes it instead.
     */
    public static void rollBack(MigrationJournal j) throws IOException {
        Path s = j.source();
        Path d = j.destination();
        boolean beforeSwitch = j.step() == Step.PLANNED || (j.copy() && j.step() == Step.COPIED);
        if (!beforeSwitch || !Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the move of " + s + " is past the point of rolling back; resume it");
        }
        if (j.copy()) {
            if (j.step() == Step.COPIED || copiedInPlace(j)) {
                Folders.deleteTree(d); // the verified copy, put in place; nothing leads to it yet
            }
            Folders.deleteTree(j.partial());
        }
        if (j.undo() && !Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            Folders.placeLink(d, s); // the link the undo had taken away
        }
        j.delete();
    }

    /**
     * {@code migrate --abandon}: rolls back a migration a crash or a failure left, when that is safe (the
     * source still complete at its place); otherwise refuses with what to do instead.
     */
    public static void abandon(MigrationJournal j) throws OperationException {
        try {
            rollBack(j);
        } catch (IOException e) {
            throw Failures.cannotAbandon(j, e);
        }
    }

    /** Deletes a folder tree (links are deleted, not followed). */
    static void deleteTree(Path root) throws IOException {
        Folders.deleteTree(root);
    }

    static String describe(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() != null ? " (" + f.getFile() + ")" : "");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
