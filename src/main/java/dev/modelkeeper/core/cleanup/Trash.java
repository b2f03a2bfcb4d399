package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.FileStats;
import dev.modelkeeper.core.fs.MountTable;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The freedesktop.org Trash (specification 1.0) on Linux, so a deleted model can be restored from the
 * desktop's trash can. A file goes to the home trash ({@code $XDG_DATA_HOME/Trash}) when it is on the same
 * filesystem; otherwise to its mount's {@code $topdir/.Trash/$uid} (when {@code .Trash} is a real folder with
 * the sticky bit) or {@code $topdir/.Trash-$uid}. The {@code info/NAME.trashinfo} is written first, created
 * exclusively, then the file is renamed into {@code files/NAME}: never copied, so a filesystem without a
 * trash gets {@link NoTrashHereException} and the caller can offer to delete for good. A symlink is
 * trashed as the link.
 */
public final class Trash {

    private static final DateTimeFormatter DELETION_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final int STICKY = 01000;
    private static final FileAttribute<?> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** Where a file went: the trashed file and its info file. */
    public record Trashed(Path original, Path file, Path info) {
    }

    /** This filesystem has no trash we may use; nothing was changed. */
    public static final class NoTrashHereException extends OperationException {
        NoTrashHereException(Path path) {
            super(TrashMessages.of("trash.none", path), path, null);
        }
    }

    private final Path homeTrash;
    private final MountTable mounts;
    private final long uid;
    private final Clock clock;

    public Trash(Environment env, MountTable mounts, long uid, Clock clock) {
        Path data = env.get("XDG_DATA_HOME").filter(v -> !v.isBlank()).map(Path::of).filter(Path::isAbsolute)
                .orElse(env.home().resolve(".local/share"));
        this.homeTrash = data.resolve("Trash");
        this.mounts = mounts;
        this.uid = uid;
        this.clock = clock;
    }

    /** The trash of this process's user, with the mounts as they are now. */
    public static Trash forCurrentUser(Environment env) throws IOException {
        long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        return new Trash(env, MountTable.current(), uid, Clock.systemDefaultZone());
    }

    /** Moves {@code path} (a file, a folder or a link, never followed) into the trash of its filesystem. */
    public Trashed moveToTrash(Path path) throws IOException, NoTrashHereException {
        Path item = itself(path);
        long dev = device(item).orElseThrow(() -> new java.nio.file.NoSuchFileException(path.toString()));
        Path trash = trashFor(item, dev).orElseThrow(() -> new NoTrashHereException(path));
        Path files = trash.resolve("files");
        Path infos = trash.resolve("info");
        for (int n = 1; ; n++) {
            String name = candidate(item.getFileName().toString(), n);
            if (Files.exists(files.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path info = infos.resolve(name + ".trashinfo");
            try {
                Files.write(info, infoText(item), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
            } catch (FileAlreadyExistsException taken) {
                continue; // another program trashed a file of this name meanwhile
            }
            try {
                Files.move(item, files.resolve(name), StandardCopyOption.ATOMIC_MOVE); // rename(2): the link itself
            } catch (IOException e) {
                Files.deleteIfExists(info);
                throw e;
            }
            return new Trashed(item, files.resolve(name), info);
        }
    }

    /**
     * Whether what lies in {@code path} (a cache root, say) could go to a trash, without creating anything: the home
     * trash is on its filesystem (or would be, once created), or its mount has a usable {@code .Trash/$uid} or
     * {@code .Trash-$uid}, or a top folder where {@code .Trash-$uid} may be made.
     */
    public boolean hasTrashFor(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Optional<Long> dev = device(abs);
        if (dev.isEmpty()) {
            return false;
        }
        if (device(nearestExisting(homeTrash)).equals(dev) && !Files.isSymbolicLink(homeTrash)) {
            return true;
        }
        Optional<Path> top = mounts.find(abs).map(MountTable.Mount::mountPoint);
        if (top.isEmpty()) {
            return false;
        }
        Path shared = top.get().resolve(".Trash");
        if (isStickyFolder(shared) && device(shared.resolve(Long.toString(uid))).equals(dev)) {
            return true;
        }
        Path own = top.get().resolve(".Trash-" + uid);
        if (Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
            return Files.isDirectory(own, LinkOption.NOFOLLOW_LINKS) && device(own).equals(dev);
        }
        return device(top.get()).equals(dev) && Files.isWritable(top.get());
    }

    private static Path nearestExisting(Path p) {
        Path at = p;
        while (at != null && !Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
            at = at.getParent();
        }
        return at == null ? p : at;
    }

    /** The absolute path with its folder's links resolved but not the item's own name. */
    private static Path itself(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        return abs.getParent() == null ? abs : abs.getParent().toRealPath().resolve(abs.getFileName());
    }

    private Optional<Path> trashFor(Path item, long dev) {
        if (ensure(homeTrash) && device(homeTrash).orElse(-1L) == dev) {
            return Optional.of(homeTrash);
        }
        Optional<Path> top = mounts.find(item).map(MountTable.Mount::mountPoint);
        if (top.isEmpty()) {
            return Optional.empty();
        }
        Path shared = top.get().resolve(".Trash");
        if (isStickyFolder(shared)) {
            Path mine = shared.resolve(Long.toString(uid));
            if (ensure(mine) && device(mine).orElse(-1L) == dev) {
                return Optional.of(mine);
            }
        }
        Path own = top.get().resolve(".Trash-" + uid);
        return ensure(own) && device(own).orElse(-1L) == dev ? Optional.of(own) : Optional.empty();
    }

    /** A trash folder with files/ and info/, created 0700 where missing; false when it is a link or cannot be made. */
    private static boolean ensure(Path trash) {
        try {
            for (Path dir : new Path[] {trash, trash.resolve("files"), trash.resolve("info")}) {
                if (Files.isSymbolicLink(dir)) {
                    return false; // the spec: a trash reached through a link is not used
                }
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir.getParent());
                    Files.createDirectory(dir, PRIVATE);
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isStickyFolder(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & STICKY) != 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Optional<Long> device(Path path) {
        return FileStats.lstat(path).map(FileStats.Stat::fileKey).filter(FileStats.InodeKey.class::isInstance)
                .map(k -> ((FileStats.InodeKey) k).dev());
    }

    /** {@code name}, then {@code stem.2.ext}, {@code stem.3.ext} …, keeping the extension for the desktop's icon. */
    static String candidate(String name, int n) {
        if (n == 1) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "." + n + name.substring(dot) : name + "." + n;
    }

    private byte[] infoText(Path item) {
        return ("[Trash Info]\nPath=" + encode(item) + "\nDeletionDate="
                + LocalDateTime.now(clock).format(DELETION_DATE) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The path's bytes with everything but unreserved characters and '/' escaped as in URLs (RFC 2396). */
    static String encode(Path path) {
        var sb = new StringBuilder();
        for (byte b : path.toString().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-_.~!*'()".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
