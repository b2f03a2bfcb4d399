package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.fs.IoReasons;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.FileSystemInfo;
import dev.modelkeeper.core.fs.FileSystemProbe;
import dev.modelkeeper.core.migrate.MigrationRefused.Reason;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The checks made before a move touches the disk; each refusal is a sentence (a key) and changes nothing. */
final class Preflight {

    private static final Path LOCKS = Path.of(".locks");

    private Preflight() {
    }

    static MigrationPlan check(MigrationRequest r, Predicate<Path> busy, boolean undo, FileSystemProbe probe)
            throws MigrationRefused {
        Path s = r.source();
        Path d = r.destination();
        if (!undo && Files.isSymbolicLink(s)) {
            refuse(Reason.SOURCE_IS_A_LINK, s, "migrate.refused.sourceIsALink", s, readLink(s));
        }
        if (!Files.exists(s, LinkOption.NOFOLLOW_LINKS)) {
            refuse(Reason.SOURCE_MISSING, s, "migrate.refused.sourceMissing", s);
        }
        if (!Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
            refuse(Reason.SOURCE_NOT_A_FOLDER, s, "migrate.refused.sourceNotAFolder", s);
        }
        // compared as the filesystem resolves them: a destination reached through a link into the source is
        // inside it just the same (a rename would fail, a copy would copy the source into itself)
        Path realS = resolved(s);
        Path realD = resolved(d);
        if (d.startsWith(s) || realD.startsWith(realS)) {
            refuse(Reason.DESTINATION_INSIDE_SOURCE, d, realD.equals(d) ? "migrate.refused.destinationInsideSource"
                    : "migrate.refused.destinationReallyInsideSource", d, s, realD);
        }
        if (s.startsWith(d) || realS.startsWith(realD)) {
            refuse(Reason.SOURCE_INSIDE_DESTINATION, d, "migrate.refused.sourceInsideDestination", s, d);
        }
        if (!undo || !Files.isSymbolicLink(d)) {
            if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = Files.list(d)) {
                    if (entries.findAny().isPresent()) {
                        refuse(Reason.DESTINATION_NOT_EMPTY, d, "migrate.refused.destinationNotEmpty", d);
                    }
                } catch (IOException e) {
                    refuse(Reason.NO_PERMISSION, d, "migrate.refused.destinationUnreadable", d, IoReasons.of(e));
                }
            } else if (Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                refuse(Reason.DESTINATION_NOT_EMPTY, d, "migrate.refused.destinationNotAFolder", d);
            }
        }
        // only the last part of the destination is created: a missing parent is a drive not mounted, and
        // creating folders where its mount point should be would hide that
        Path anchor = d.getParent();
        if (anchor == null || !Files.isDirectory(anchor)) {
            refuse(Reason.DESTINATION_UNAVAILABLE, d, "migrate.refused.destinationUnavailable", anchor);
        }
        if (!Files.isWritable(anchor)) {
            refuse(Reason.NO_PERMISSION, anchor, "migrate.refused.destinationNotWritable", anchor);
        }
        if (!Files.isWritable(s.getParent()) || !Files.isWritable(s)) {
            refuse(Reason.NO_PERMISSION, s, "migrate.refused.sourceNotWritable", s);
        }
        if (busy.test(s)) {
            refuse(Reason.BUSY_IN_APP, s, "migrate.refused.busyInApp", s);
        }
        Path held = heldLock(s);
        if (held != null) {
            refuse(Reason.IN_USE, held, "migrate.refused.inUse", held);
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
            refuse(Reason.NOT_ENOUGH_SPACE, anchor, "migrate.refused.notEnoughSpace", human(free), human(size[0]),
                    human(needed - size[0]));
        }
        Set<FileSystemInfo.Hazard> hazards = probe.probe(anchor).map(FileSystemInfo::hazards).orElse(Set.of());
        return new MigrationPlan(r, size[0], size[1], same, free, same ? free : free - size[0], hazards);
    }

    /**
     * The path as the filesystem resolves it: the real path of its deepest existing folder above it, with
     * the rest appended. The last part itself is not followed (a link there is judged as a link).
     */
    static Path resolved(Path p) {
        Path existing = p.getParent();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }

    /** Refuses for {@code reason} about {@code path}, saying why with the sentence {@code key}. */
    private static void refuse(Reason reason, Path path, String key, Object... args) throws MigrationRefused {
        throw new MigrationRefused(reason, MigrateMessages.of(key, args), path);
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
    static Path heldLock(Path s) {
        var candidates = Stream.of(s.resolve(LOCKS), s.resolve("hub").resolve(LOCKS),
                s.getParent().resolve(LOCKS).resolve(s.getFileName()));
        for (Path dir : candidates.filter(Files::isDirectory).toList()) {
            try (Stream<Path> locks = Files.walk(dir, 3)) {
                var held = locks.filter(p -> p.getFileName().toString().endsWith(".lock")).filter(FileLocks::isHeld)
                        .findFirst();
                if (held.isPresent()) {
                    return held.get();
                }
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // unreadable lock folder: nothing to learn
            }
        }
        return null;
    }

    /** {bytes of regular files, entries}. */
    static long[] measure(Path s) throws MigrationRefused {
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
            refuse(Reason.NO_PERMISSION, s, "migrate.refused.sourceUnreadable", s, IoReasons.of(e));
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

    static String human(long bytes) {
        return SizeFormat.bytes(bytes);
    }
}
