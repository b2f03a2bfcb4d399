package dev.modelkeeper.core.download;

import dev.modelkeeper.core.fs.IoReasons;
import static dev.modelkeeper.core.download.DownloadMessages.BUNDLE;

import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Partial downloads are the only files a download writes into: they are opened without following links
 * ({@code O_NOFOLLOW}), and one that is a link (left by another program, or planted) is removed first —
 * removing a link never touches what it points at. Write errors are told apart from network errors, so a
 * full disk is reported as a full disk.
 */
final class PartialFiles {

    /** The local disk refused a write (full, read-only, no permission), as opposed to the network failing. */
    static final class WriteFailed extends IOException {
        WriteFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private PartialFiles() {
    }

    /**
     * Removes {@code partial} if it is a link or special file, so that only a regular file of ours is written;
     * creates it empty when {@code create} (an empty blob has no bytes that would create it).
     */
    static void ensureRegular(Path partial, boolean create) throws OperationException {
        try {
            var attrs = attributes(partial);
            if (attrs != null && !attrs.isRegularFile()) {
                if (attrs.isDirectory()) {
                    throw new OperationException(new Message(BUNDLE, "download.error.partialIsFolder", partial), partial,
                            null);
                }
                Files.delete(partial); // a link or special file: remove the entry itself, never its target
            }
            if (create) {
                try (FileChannel ignored = openForWrite(partial)) {
                    // created (or already there) as a regular file
                }
            }
        } catch (WriteFailed e) {
            throw diskError(e, partial);
        } catch (IOException e) {
            throw diskError(new WriteFailed(e), partial);
        }
    }

    /** Removes {@code p} if it is a link or special file (the entry itself, never its target). */
    static void removeUnlessRegular(Path p) throws IOException {
        var attrs = attributes(p);
        if (attrs != null && !attrs.isRegularFile() && !attrs.isDirectory()) {
            Files.delete(p);
        }
    }

    /** Opens for writing, creating it, refusing to follow a link. */
    static FileChannel openForWrite(Path partial) throws WriteFailed {
        try {
            return FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    static void write(FileChannel out, ByteBuffer bytes) throws WriteFailed {
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    static void write(FileChannel out, ByteBuffer bytes, long at) throws WriteFailed {
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes, at + bytes.position());
            }
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    /** Empties a partial file that grew past the blob's size. */
    static void truncate(Path partial, Path blob) throws OperationException {
        try (FileChannel ch = openForWrite(partial)) {
            ch.truncate(0);
        } catch (IOException e) {
            throw diskError(e instanceof WriteFailed w ? w : new WriteFailed(e), partial);
        }
    }

    /** Size without following links; 0 when missing. */
    static long size(Path p) {
        var attrs = attributes(p);
        return attrs == null ? 0 : attrs.size();
    }

    static OperationException diskError(WriteFailed e, Path partial) {
        return new OperationException(new Message(BUNDLE, "download.error.writePartial", partial, IoReasons.of(e)), partial,
                e.getCause());
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
