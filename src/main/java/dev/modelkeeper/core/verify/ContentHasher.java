package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.HashAlgorithm;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one file and hashes it, reusing one buffer for every file a worker thread reads. A direct
 * buffer lets the kernel copy straight into it and the digest read it without another copy into a
 * heap array (measured in docs/benchmarks.md: a heap buffer costs ~14% of single-core throughput here).
 */
final class ContentHasher {

    static final int BUFFER_SIZE = 1 << 20;

    /** A finished hash: the hex digest and how many bytes it covers. */
    record Digest(String hex, long bytes) {
    }

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

    /**
     * @param size     the size the file had when it was stat'ed (git-sha1 hashes it into its header)
     * @param progress advanced by every chunk read, for the progress bar
     */
    Digest hash(Path file, HashAlgorithm algorithm, long size, AtomicLong progress, Cancellation cancel)
            throws IOException, CancelledException {
        MessageDigest md = algorithm.start(size);
        long total = 0;
        try (FileChannel ch = FileChannel.open(file)) {
            int n;
            while ((n = ch.read(buffer.clear())) >= 0) {
                cancel.throwIfCancelled();
                buffer.flip();
                md.update(buffer);
                total += n;
                progress.addAndGet(n);
            }
        }
        return new Digest(HexFormat.of().formatHex(md.digest()), total);
    }
}
