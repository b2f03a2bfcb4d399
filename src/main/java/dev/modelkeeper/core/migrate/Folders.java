package dev.modelkeeper.core.migrate;

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
import java.util.stream.Stream;

/** The file operations a move is made of; every path is handled as a {@link Path}, never as text. */
final class Folders {

    private Folders() {
    }

    /** Puts a link at {@code at} to {@code target}: a temporary link renamed over, so it appears at once. */
    static void placeLink(Path at, Path target) throws IOException {
        Path tmp = MigrationJournal.beside(at, "link", "new");
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

    static void removeLinkTo(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link)) {
            if (!link.getParent().resolve(Files.readSymbolicLink(link)).normalize().equals(target)) {
                throw new IOException(link + " is a link to " + Files.readSymbolicLink(link) + ", not to " + target);
            }
            Files.delete(link);
        }
    }

    static boolean isEmptyDir(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isEmpty();
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
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** sync(2): the copy is on disk before the original is set aside and deleted. */
    static void syncAll() {
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
