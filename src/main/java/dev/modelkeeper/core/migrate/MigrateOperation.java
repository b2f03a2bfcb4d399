package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.migrate.MigrationJournal.Step;
import dev.modelkeeper.core.migrate.MigrationRefused.Reason;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Moves a cache folder to another place and, if asked, leaves a symlink at the old path, so that every
 * program keeps finding it. On one filesystem it is a single rename. Across filesystems: copy beside the
 * destination, verify the copy, rename it into place, rename the source aside, put the link at the old
 * path, and only then delete the set-aside source. Each step is journaled first, so after a crash or a
 * kill {@link #resume} finishes the job (or {@link #rollBack} undoes it while the source is untouched);
 * at every instant every file is complete in at least one place. Cancelling during the copy rolls back.
 */
public final class MigrateOperation implements Operation<MigrationJournal> {

    private final Path stateDir;
    private final MigrationPlan plan;
    private final MigrationJournal resumeFrom;

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
    public String title() {
        var j = resumeFrom;
        return j != null ? "Finishing the move of " + j.source() : "Moving " + plan.request().source() + " to "
                + plan.request().destination();
    }

    // ---------------------------------------------------------------- preflight

    /**
     * Checks everything that can be checked before touching the disk and describes the move. Refuses
     * with a plain reason; never changes anything.
     *
     * @param busy true for paths the app's own jobs are using (a running download, verify …)
     */
    public static MigrationPlan preflight(MigrationRequest r, Predicate<Path> busy) throws MigrationRefused {
        return preflight(r, busy, false);
    }

    /**
     * Preflight for moving a migrated cache back: the request's destination is the link left at the old
     * path (it is replaced by the folder), its source the folder the link points to.
     */
    public static MigrationPlan preflightUndo(MigrationRequest r) throws MigrationRefused {
        return preflight(r, p -> false, true);
    }

    static MigrationPlan preflight(MigrationRequest r, Predicate<Path> busy, boolean undo) throws MigrationRefused {
        Path s = r.source();
        Path d = r.destination();
        if (!undo && Files.isSymbolicLink(s)) {
            refuse(Reason.SOURCE_IS_A_LINK, s + " is already a link (to " + readLink(s) + "); move the folder it "
                    + "points to instead, or undo the earlier move.", s);
        }
        if (!Files.exists(s, LinkOption.NOFOLLOW_LINKS)) {
            refuse(Reason.SOURCE_MISSING, s + " does not exist (is its drive plugged in?).", s);
        }
        if (!Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
            refuse(Reason.SOURCE_NOT_A_FOLDER, s + " is not a folder; choose the cache folder itself.", s);
        }
        if (d.startsWith(s)) {
            refuse(Reason.DESTINATION_INSIDE_SOURCE, "The destination " + d + " is inside " + s
                    + "; choose a folder elsewhere.", d);
        }
        if (s.startsWith(d)) {
            refuse(Reason.SOURCE_INSIDE_DESTINATION, "The cache " + s + " is inside the destination " + d
                    + "; choose a new, empty folder.", d);
        }
        if (!undo || !Files.isSymbolicLink(d)) {
            if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = Files.list(d)) {
                    if (entries.findAny().isPresent()) {
                        refuse(Reason.DESTINATION_NOT_EMPTY, "The destination " + d + " is not empty; choose a new "
                                + "or empty folder so nothing there is mixed with the cache.", d);
                    }
                } catch (IOException e) {
                    refuse(Reason.NO_PERMISSION, "Cannot read the destination " + d + ": " + e.getMessage() + ".", d);
                }
            } else if (Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                refuse(Reason.DESTINATION_NOT_EMPTY, d + " already exists and is not a folder.", d);
            }
        }
        // only the last part of the destination is created: a missing parent is a drive not mounted, and
        // creating folders where its mount point should be would hide that
        Path anchor = d.getParent();
        if (anchor == null || !Files.isDirectory(anchor)) {
            refuse(Reason.DESTINATION_UNAVAILABLE, "The folder " + anchor + " does not exist (is the drive "
                    + "mounted?); choose a folder that exists to put the cache in.", d);
        }
        if (!Files.isWritable(anchor)) {
            refuse(Reason.NO_PERMISSION, "You cannot write to " + anchor + "; choose a folder you own or fix its "
                    + "permissions.", anchor);
        }
        if (!Files.isWritable(s.getParent()) || !Files.isWritable(s)) {
            refuse(Reason.NO_PERMISSION, "You cannot change " + s + " (its folder or itself is read-only), so it "
                    + "could not be replaced by a link.", s);
        }
        if (busy.test(s)) {
            refuse(Reason.BUSY_IN_APP, "A ModelKeeper job (a download, verify or repair) is using " + s
                    + "; wait for it to finish or cancel it.", s);
        }
        Path held = heldLock(s);
        if (held != null) {
            refuse(Reason.IN_USE, "Another program is downloading into this cache right now (it holds " + held
                    + "); close it or wait until it finishes.", held);
        }
        long[] size = measure(s);
        boolean same = !r.forceCopy() && sameFilesystem(s, anchor);
        long free;
        try {
            free = Files.getFileStore(anchor).getUsableSpace();
        } catch (IOException e) {
            free = 0;
        }
        long needed = same ? 0 : size[0] + size[0] / 100 + (16L << 20); // room for folders and metadata
        if (!same && free < needed) {
            refuse(Reason.NOT_ENOUGH_SPACE, "The destination has " + human(free) + " free; the cache needs "
                    + human(size[0]) + " plus a margin of " + human(needed - size[0]) + ".", anchor);
        }
        return new MigrationPlan(r, size[0], size[1], same, free, same ? free : free - size[0]);
    }

    private static void refuse(Reason reason, String message, Path path) throws MigrationRefused {
        throw new MigrationRefused(reason, message, path);
    }

    private static boolean sameFilesystem(Path a, Path b) {
        try {
            return Files.getAttribute(a, "unix:dev", LinkOption.NOFOLLOW_LINKS)
                    .equals(Files.getAttribute(b, "unix:dev"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return Files.getFileStore(a).equals(Files.getFileStore(b));
            } catch (IOException e2) {
                return false;
            }
        }
    }

    /** A {@code .locks/**.lock} in or for this cache that a process holds, or null. */
    private static Path heldLock(Path s) {
        var candidates = Stream.of(s.resolve(".locks"), s.resolve("hub/.locks"),
                s.getParent().resolve(".locks").resolve(s.getFileName().toString()));
        for (Path dir : candidates.filter(Files::isDirectory).toList()) {
            try (Stream<Path> locks = Files.walk(dir, 3)) {
                var held = locks.filter(p -> p.toString().endsWith(".lock")).filter(FileLocks::isHeld).findFirst();
                if (held.isPresent()) {
                    return held.get();
                }
            } catch (IOException ignored) {
                // unreadable lock folder: nothing to learn
            }
        }
        return null;
    }

    /** {bytes of regular files, entries}. */
    private static long[] measure(Path s) throws MigrationRefused {
        long[] out = new long[2];
        try {
            Files.walkFileTree(s, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    out[0] += a.isRegularFile() ? a.size() : 0;
                    out[1]++;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException e) {
            refuse(Reason.NO_PERMISSION, "Cannot read everything in " + s + " (" + e.getMessage() + "); a move "
                    + "would leave that behind.", s);
        }
        return out;
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String human(long bytes) {
        return dev.modelkeeper.core.cache.SizeFormat.human(bytes) + "B";
    }

    // ---------------------------------------------------------------- running

    @Override
    public MigrationJournal run(ProgressListener progress, Cancellation cancel) throws OperationException {
        MigrationJournal j = resumeFrom;
        try {
            if (j == null) {
                boolean undo = Files.isSymbolicLink(plan.request().destination());
                j = MigrationJournal.start(stateDir, plan.request(), !plan.sameFilesystem(), undo);
                CrashPoints.reach("planned");
            }
            return j.copy() ? copyMode(j, progress, cancel) : renameMode(j);
        } catch (IOException e) {
            throw new OperationException("The move stopped: " + e.getMessage() + ". Every file is still complete "
                    + "in at least one place; run the move again to finish it (ModelKeeper offers this at start, or "
                    + "`modelkeeper migrate --resume`).", j != null ? j.source() : null, e);
        }
    }

    private MigrationJournal renameMode(MigrationJournal j) throws IOException {
        Path s = j.source();
        Path d = j.destination();
        if (j.step() == Step.PLANNED) {
            if (j.undo()) {
                removeLinkTo(d, s); // undo: the destination path is the link to the folder coming back
            }
            if (Files.exists(s, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(s)) {
                Files.move(s, d, StandardCopyOption.ATOMIC_MOVE);
            }
            j = j.at(Step.SOURCE_MOVED);
            CrashPoints.reach("moved");
        }
        if (j.step() == Step.SOURCE_MOVED) {
            if (j.link()) {
                placeLink(s, d);
            }
            j = j.at(Step.SWITCHED);
            CrashPoints.reach("switched");
        }
        j.delete();
        return j;
    }

    private MigrationJournal copyMode(MigrationJournal j, ProgressListener progress, Cancellation cancel)
            throws IOException, OperationException {
        Path s = j.source();
        Path d = j.destination();
        if (j.step() == Step.PLANNED) {
            // a crash right after the verified copy was renamed into place leaves it there and no partial
            boolean copiedInPlace = Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !Files.exists(j.partial())
                    && !isEmptyDir(d);
            if (!copiedInPlace) {
                if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(d); // the empty folder the user chose; the verified copy takes its name
                }
                long total = plan != null ? plan.bytes() : measureQuietly(s);
                var copy = new TreeCopy(s, j.partial(), total, progress, cancel);
                try {
                    copy.copy();
                    CrashPoints.reach("copied");
                    var bad = copy.verify();
                    if (!bad.isEmpty()) {
                        throw TreeCopy.mismatch(bad, j.partial());
                    }
                } catch (CancelledException e) {
                    rollBack(j);
                    throw e;
                }
                syncAll();
                CrashPoints.reach("verified");
                if (j.undo()) {
                    removeLinkTo(d, s);
                }
                Files.move(j.partial(), d, StandardCopyOption.ATOMIC_MOVE);
            }
            j = j.at(Step.COPIED);
            CrashPoints.reach("in-place");
        }
        if (j.step() == Step.COPIED) {
            if (Files.exists(s, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(s)) {
                Files.move(s, j.aside(), StandardCopyOption.ATOMIC_MOVE);
            }
            j = j.at(Step.SOURCE_MOVED);
            CrashPoints.reach("aside");
        }
        if (j.step() == Step.SOURCE_MOVED) {
            if (j.link() && !Files.isSymbolicLink(s)) {
                placeLink(s, d);
            }
            j = j.at(Step.SWITCHED);
            CrashPoints.reach("switched");
        }
        deleteTree(j.aside());
        j.delete();
        return j;
    }

    /**
     * Undoes a copy-mode migration that has not switched yet: the partial copy goes, the source was never
     * touched. After the switch there is nothing to roll back; resume finishes it instead.
     */
    public static void rollBack(MigrationJournal j) throws IOException {
        if (j.step() != Step.PLANNED) {
            throw new IOException("the move of " + j.source() + " is past the point of rolling back; resume it");
        }
        deleteTree(j.partial());
        j.delete();
    }

    private static void placeLink(Path at, Path target) throws IOException {
        Path tmp = at.resolveSibling("." + at.getFileName() + ".modelkeeper-link");
        Files.deleteIfExists(tmp);
        try {
            Files.createSymbolicLink(tmp, target);
        } catch (java.nio.file.FileSystemException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
            junction(tmp, target); // Windows without the symlink privilege (untested: no Windows machine here)
        }
        Files.move(tmp, at, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code mklink /J}: a directory junction needs no privilege on Windows, unlike a symlink. */
    private static void junction(Path at, Path target) throws IOException {
        try {
            Process p = new ProcessBuilder("cmd", "/c", "mklink", "/J", at.toString(), target.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("could not create a junction at " + at + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating a junction at " + at, e);
        }
    }

    private static void removeLinkTo(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link)) {
            if (!link.getParent().resolve(Files.readSymbolicLink(link)).normalize().equals(target)) {
                throw new IOException(link + " is a link to " + Files.readSymbolicLink(link) + ", not to " + target);
            }
            Files.delete(link);
        }
    }

    private static boolean isEmptyDir(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isEmpty();
        }
    }

    private static long measureQuietly(Path s) {
        try {
            return measure(s)[0];
        } catch (MigrationRefused e) {
            return 0;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** sync(2): the copy is on disk before the original is set aside and deleted. */
    private static void syncAll() {
        try {
            var linker = Linker.nativeLinker();
            linker.defaultLookup().find("sync").ifPresent(sym -> {
                try {
                    linker.downcallHandle(sym, FunctionDescriptor.ofVoid()).invokeExact();
                } catch (Throwable ignored) {
                    // best effort: the copy was verified; this only guards against a power cut just now
                }
            });
        } catch (RuntimeException ignored) {
            // not on this platform
        }
    }
}
