package dev.modelkeeper.core.cleanup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How a file, link or folder leaves the cache: deleted at once ({@link Permanent}) or moved to the
 * desktop's trash. The caller has already checked that the path lies inside the cache being cleaned.
 * A link is removed itself, never its target; a folder goes with everything in it, links not followed.
 */
public interface Disposal {

    /** Removes {@code path}; a path that is already gone is not an error. */
    void dispose(Path path) throws IOException;

    /** Where what lies in {@code root} goes with this disposal (asked once per cache root when planning). */
    default CleanupPlan.Fate fateFor(Path root) {
        return CleanupPlan.Fate.PERMANENT;
    }

    /**
     * Into the desktop's trash ({@link Trash}): one rename per item, never a copy. Where the filesystem has no
     * trash, {@link Trash.NoTrashHereException} unless {@code permanentWithoutTrash}, which the user must have asked
     * for: then such items are deleted for good.
     */
    final class ToTrash implements Disposal {

        private final Trash trash;
        private final boolean permanentWithoutTrash;

        public ToTrash(Trash trash, boolean permanentWithoutTrash) {
            this.trash = trash;
            this.permanentWithoutTrash = permanentWithoutTrash;
        }

        @Override
        public void dispose(Path path) throws IOException {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try {
                trash.moveToTrash(path);
            } catch (Trash.NoTrashHereException e) {
                if (!permanentWithoutTrash) {
                    throw new IOException(e.getMessage(), e);
                }
                new Permanent().dispose(path);
            }
        }

        @Override
        public CleanupPlan.Fate fateFor(Path root) {
            if (trash.hasTrashFor(root)) {
                return CleanupPlan.Fate.TRASH;
            }
            return permanentWithoutTrash ? CleanupPlan.Fate.PERMANENT : CleanupPlan.Fate.NO_TRASH;
        }
    }

    /**
     * The platform's own trash where the freedesktop one does not apply (macOS, Windows): {@code java.awt.Desktop}'s
     * "move to trash", when the desktop offers it (never on a headless machine). Everything it takes counts as
     * trashed; a file it refuses stays and the cleanup's result says so.
     */
    final class DesktopTrash implements Disposal {

        private final java.awt.Desktop desktop;

        private DesktopTrash(java.awt.Desktop desktop) {
            this.desktop = desktop;
        }

        /** The platform trash, or empty without a desktop or where it cannot move to the trash. */
        public static java.util.Optional<Disposal> available() {
            try {
                if (java.awt.GraphicsEnvironment.isHeadless() || !java.awt.Desktop.isDesktopSupported()) {
                    return java.util.Optional.empty();
                }
                var desktop = java.awt.Desktop.getDesktop();
                return desktop.isSupported(java.awt.Desktop.Action.MOVE_TO_TRASH)
                        ? java.util.Optional.of(new DesktopTrash(desktop)) : java.util.Optional.empty();
            } catch (RuntimeException | LinkageError none) {
                return java.util.Optional.empty();
            }
        }

        @Override
        public void dispose(Path path) throws IOException {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !desktop.moveToTrash(path.toFile())) {
                throw new IOException(path + " could not be moved to the trash");
            }
        }

        @Override
        public CleanupPlan.Fate fateFor(Path root) {
            return CleanupPlan.Fate.TRASH;
        }
    }

    /** Deletes for good, now. */
    final class Permanent implements Disposal {

        @Override
        public void dispose(Path path) throws IOException {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(path);
                return;
            }
            // walkFileTree does not follow links: a link inside is visited as a file and unlinked
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
