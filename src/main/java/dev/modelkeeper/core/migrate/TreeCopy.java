package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.fs.ContentHash;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a cache folder to another filesystem and proves the copy. Symlinks are recreated with the same
 * target text (the cache's relative links stay relative, never dereferenced or duplicated); modes and
 * modification times are kept. A file already in the target with the same size and time (an earlier,
 * interrupted run) is not copied again. Verification reads every copied file back: a blob whose name is
 * a hash must hash to it (or, if the original is itself damaged, equal the original byte for byte);
 * every other file must have the original's sha256. Hard links inside the source become separate files.
 */
final class TreeCopy {

    private static final int BUFFER = 1 << 20;
    private static final long CHUNK = 64L << 20;
    private static final Path BLOBS = Path.of("blobs");

    private final Path from;
    private final Path to;
    private final long total;
    private final ProgressListener progress;
    private final Cancellation cancel;
    private final AtomicLong done = new AtomicLong();
    private final Map<Path, String> sourceDigests = new HashMap<>();
    private int files;

    TreeCopy(Path from, Path to, long total, ProgressListener progress, Cancellation cancel) {
        this.from = from;
        this.to = to;
        this.total = Math.max(1, total * 2); // copy + verify
        this.progress = progress;
        this.cancel = cancel;
    }

    void copy() throws IOException, CancelledException {
        var dirs = new ArrayList<Path>();
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
                    Files.createDirectories(target(dir));
                    dirs.add(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                    if (cancel.isCancelled()) {
                        return FileVisitResult.TERMINATE;
                    }
                    Path t = target(file);
                    if (a.isSymbolicLink()) {
                        Path link = Files.readSymbolicLink(file);
                        if (!Files.isSymbolicLink(t) || !Files.readSymbolicLink(t).equals(link)) {
                            Files.deleteIfExists(t);
                            Files.createSymbolicLink(t, link);
                        }
                    } else if (a.isRegularFile()) {
                        copyFile(file, t, a);
                        CrashPoints.reach("copying:" + (++files));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } finally {
            cancel.throwIfCancelled();
        }
        for (int i = dirs.size() - 1; i >= 0; i--) { // deepest first: setting a time must come after the contents
            keepAttributes(dirs.get(i), target(dirs.get(i)));
        }
    }

    private void copyFile(Path file, Path t, BasicFileAttributes a) throws IOException {
        if (Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS) && Files.size(t) == a.size()
                && Files.getLastModifiedTime(t, LinkOption.NOFOLLOW_LINKS).equals(a.lastModifiedTime())) {
            done.addAndGet(a.size()); // copied by an earlier run; verify reads it anyway
            return;
        }
        // a blob named by its hash is proven by that name later, so it is copied in the kernel
        // (copy_file_range) without hashing; any other file is hashed on the way for the comparison
        MessageDigest sha = promise(file, a.size()) == null ? sha256() : null;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(t, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            var buf = ByteBuffer.allocate(BUFFER);
            long copied = 0;
            boolean halfReported = false;
            while (copied < a.size()) {
                long n;
                if (sha == null) {
                    n = in.transferTo(copied, Math.min(CHUNK, a.size() - copied), out);
                } else {
                    n = in.read(buf.clear());
                    if (n > 0) {
                        sha.update(buf.array(), 0, (int) n);
                        buf.flip();
                        while (buf.hasRemaining()) {
                            out.write(buf);
                        }
                    }
                }
                if (n <= 0) {
                    break; // the file shrank while being copied; verification will say so
                }
                copied += n;
                progress.progress(done.addAndGet(n), total);
                if (!halfReported && copied >= a.size() / 2) {
                    halfReported = true;
                    out.force(false);
                    CrashPoints.reach("midfile:" + (files + 1));
                }
                if (cancel.isCancelled()) {
                    return; // the walk stops; the partial copy is rolled back or resumed
                }
            }
        }
        if (sha != null) {
            sourceDigests.put(file, HexFormat.of().formatHex(sha.digest()));
        }
        keepAttributes(file, t);
    }

    private static void keepAttributes(Path source, Path target) throws IOException {
        var view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS);
            view.setPermissions(perms);
        }
        Files.setLastModifiedTime(target, Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS));
    }

    /** Reads the whole copy back; returns the paths (relative) that differ from the source. */
    List<Path> verify() throws IOException, CancelledException {
        var bad = new ArrayList<Path>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                Path t = target(file);
                Path rel = from.relativize(file);
                if (a.isSymbolicLink()) {
                    if (!Files.isSymbolicLink(t) || !Files.readSymbolicLink(t).equals(Files.readSymbolicLink(file))) {
                        bad.add(rel);
                    }
                } else if (a.isRegularFile() && !sameContent(file, t, a.size())) {
                    bad.add(rel);
                }
                return cancel.isCancelled() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        cancel.throwIfCancelled();
        return bad;
    }

    private boolean sameContent(Path file, Path copy, long size) throws IOException {
        if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) || Files.size(copy) != size) {
            return false;
        }
        ContentHash promised = promise(file, size);
        if (promised != null) {
            readInto(copy, promised, null);
            if (promised.matches()) {
                return true; // the copy is what its name promises
            }
        }
        MessageDigest sha = sha256();
        readInto(copy, null, sha);
        String original = sourceDigests.get(file);
        if (original == null) { // copied by an earlier run, or a damaged original: compare with the source itself
            MessageDigest s = sha256();
            readInto(file, null, s);
            original = HexFormat.of().formatHex(s.digest());
        }
        return original.equals(HexFormat.of().formatHex(sha.digest()));
    }

    private void readInto(Path p, ContentHash hash, MessageDigest sha) throws IOException {
        try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
            var buf = ByteBuffer.allocate(BUFFER);
            for (int n; (n = in.read(buf.clear())) > 0; ) {
                if (hash != null) {
                    hash.update(buf.array(), 0, n);
                }
                if (sha != null) {
                    sha.update(buf.array(), 0, n);
                }
                if (p.startsWith(to)) {
                    progress.progress(done.addAndGet(n), total);
                }
            }
        }
    }

    /** The hash a file's name promises: a blob in a hub cache's {@code blobs/} folder; else null. */
    private static ContentHash promise(Path file, long size) {
        Path parent = file.getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().equals(BLOBS)
                ? ContentHash.forEtag(file.getFileName().toString(), size) : null;
    }

    private Path target(Path p) {
        return to.resolve(from.relativize(p)); // by Path: a name is the bytes on disk, not a decoded string
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
