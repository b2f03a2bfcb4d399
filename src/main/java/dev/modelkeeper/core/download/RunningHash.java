package dev.modelkeeper.core.download;

import dev.modelkeeper.core.fs.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The content hash of a blob being downloaded, computed while bytes arrive. Bytes this object did not
 * see (a partial file left by an earlier run, or ranges written by other connections) are read back from
 * the file, from where hashing stopped up to the point asked for.
 */
final class RunningHash {

    private static final int CHUNK = 1 << 20;

    private final String etag;
    private final long size;
    private ContentHash hash;
    private long seen;

    RunningHash(String etag, long size) {
        this.etag = etag;
        this.size = size;
        this.hash = ContentHash.forEtag(etag, size);
    }

    /** Hashes the file's bytes from where hashing stopped up to {@code upTo} (starting over if it moved back). */
    void catchUp(Path file, long upTo) throws IOException {
        if (seen == upTo) {
            return;
        }
        if (seen > upTo) {
            hash = ContentHash.forEtag(etag, size);
            seen = 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            var buf = ByteBuffer.allocate(CHUNK);
            while (seen < upTo) {
                buf.clear().limit((int) Math.min(CHUNK, upTo - seen));
                int n = ch.read(buf, seen);
                if (n <= 0) {
                    throw new IOException(file + " is shorter than expected (" + seen + " bytes)");
                }
                update(buf.array(), n);
            }
        }
    }

    /** Bytes that follow what was seen so far. */
    void update(byte[] buf, int n) {
        if (hash != null) {
            hash.update(buf, 0, n);
        }
        seen += n;
    }

    /** Whether everything seen hashes to the name (true when the name promises no hash). Ends the hash. */
    boolean matches() {
        return hash == null || hash.matches();
    }
}
