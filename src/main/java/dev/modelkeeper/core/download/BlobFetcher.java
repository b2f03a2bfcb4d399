package dev.modelkeeper.core.download;

import dev.modelkeeper.core.fs.IoReasons;
import static dev.modelkeeper.core.download.DownloadMessages.BUNDLE;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches one blob into {@code blobs/<etag>.incomplete}, resuming with a Range request after a broken
 * stream, a cancel or a restart, and moves it to {@code blobs/<etag>} only once its size and content
 * hash are right. A corrupt or truncated download never becomes a blob. Large files go over several
 * ranged connections ({@link RangedFetch}). Used by downloads and by Repair.
 */
public final class BlobFetcher {

    private static final int MAX_STALLS = 5;
    /** Answers in a row that brought no new byte (empty, or the same start again) before giving up. */
    static final int MAX_EMPTY = 3;
    /** New bytes an answer must bring (or the rest of the file) to count as progress rather than a trickle. */
    static final long ALIVE = 64 * 1024;
    private static final int CHUNK = 1 << 20;

    private final BlobSource source;
    private final AtomicLong transferred;
    private final BandwidthLimit limit;
    private final RangedFetch ranged;
    private volatile java.util.function.Consumer<dev.modelkeeper.core.task.Message> waiting = m -> { };

    /** Told when a blob waits for another process's lock (a Python client downloading the same file). */
    public BlobFetcher onWaiting(java.util.function.Consumer<dev.modelkeeper.core.task.Message> listener) {
        this.waiting = listener;
        return this;
    }

    /**
     * @param transferred        counts the bytes received (for progress), shared by all fetches of a job
     * @param connectionsPerFile ranged connections for one large file
     */
    public BlobFetcher(HubClient client, AtomicLong transferred, BandwidthLimit limit, int connectionsPerFile) {
        this(new HubBlobSource(client), transferred, limit, connectionsPerFile);
    }

    /** Fetches from any source (the Hub, a team store, a chain of them). */
    public BlobFetcher(BlobSource source, AtomicLong transferred, BandwidthLimit limit, int connectionsPerFile) {
        this.source = source;
        this.transferred = transferred;
        this.limit = limit;
        this.ranged = new RangedFetch(source, transferred, limit, connectionsPerFile);
    }

    /**
     * Takes the blob's {@code .locks} flock (waiting for another process that holds it) and fetches the
     * blob unless it appeared meanwhile. The lock excludes, and is excluded by, Python clients.
     */
    public void fetchLocked(HubLayout layout, dev.modelkeeper.core.cache.RepoType type, String repoId, String commit,
                            String filePath, String etag, long size, Cancellation cancel) throws OperationException {
        try (var lock = dev.modelkeeper.core.fs.FileLocks.lock(layout.lock(etag), cancel, () -> waiting.accept(
                DownloadMessages.progress("download.progress.waitingForLock", filePath, layout.lock(etag))))) {
            if (!Files.exists(layout.blob(etag))) {
                fetch(layout, new BlobRequest(type, repoId, commit, filePath, etag, size), cancel);
            } else { // another process finished it meanwhile: pieces we had of it are of no use now
                Files.deleteIfExists(layout.parts(etag));
                Files.deleteIfExists(layout.partsJournal(etag));
            }
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "download.error.lock", layout.blob(etag), IoReasons.of(e)),
                    layout.blob(etag), e);
        }
    }

    /**
     * Fetches the blob whether or not a file is at {@code blobs/<etag>}, for a caller that already holds
     * the blob's lock (Repair): a damaged file stays where it is until the verified download replaces it
     * in one atomic rename. A size of -1 is asked from the Hub first.
     */
    public void refetchHeld(HubLayout layout, dev.modelkeeper.core.cache.RepoType type, String repoId, String commit,
                            String filePath, String etag, long size, Cancellation cancel) throws OperationException {
        var blob = new BlobRequest(type, repoId, commit, filePath, etag, size);
        fetch(layout, size >= 0 ? blob : blob.withSize(source.sizeOf(blob, cancel)), cancel);
    }

    /** Fetches the blob from the source; call under the blob's lock. */
    void fetch(HubLayout layout, BlobRequest blob, Cancellation cancel) throws OperationException {
        String etag = blob.etag();
        long size = blob.size();
        if (!etag.matches("[0-9a-f]{40}|[0-9a-f]{64}") || size < 0) {
            throw new OperationException(new Message(BUNDLE, "download.error.noChecksum", etag), layout.blob(etag), null);
        }
        if (ranged.applies(layout, etag, size) && ranged.fetch(layout, blob, cancel)) {
            return;
        }
        Path partial = layout.incomplete(etag);
        var hash = new RunningHash(etag, size);
        int failures = 0;
        long best = -1;
        PartialFiles.ensureRegular(partial, size == 0);
        while (true) {
            cancel.throwIfCancelled();
            long have = sizeOf(partial);
            if (have == size) {
                break;
            }
            if (have > size) {
                PartialFiles.truncate(partial, layout.blob(etag)); // longer than the file can be: start over
                if (++failures > MAX_STALLS) {
                    throw new OperationException(new Message(BUNDLE, "download.error.tooLong", size, etag), partial, null);
                }
                continue;
            }
            try (BlobSource.Stream d = source.open(blob, have, -1, cancel)) {
                append(d, partial, have, size, hash, cancel);
            } catch (HubException e) {
                // 429 waits as the server asked, 5xx with the official backoff
                if (!source.retryPolicy().backoff(e, failures++, cancel)) {
                    throw e;
                }
                continue;
            } catch (PartialFiles.WriteFailed e) {
                throw PartialFiles.diskError(e, partial);
            } catch (IOException e) {
                cancel.throwIfCancelled();
                // it broke off: what arrived counts below
            }
            long now = sizeOf(partial);
            if (now > best && now - Math.max(best, 0) >= Math.min(ALIVE, size - Math.max(best, 0))) {
                // more than ever before, and not a trickle: the stream is alive, keep resuming however often it breaks
                best = now;
                failures = 0;
            } else if (++failures >= MAX_EMPTY) {
                throw new OperationException(new Message(BUNDLE, "download.error.stalled", etag, now, size), partial, null);
            } else {
                source.retryPolicy().pause(failures - 1, cancel);
            }
        }
        publish(layout, etag, size, partial, hash);
    }

    /** Appends the body at {@code have} (or from 0 when the server restarted); returns bytes written. */
    private long append(BlobSource.Stream d, Path partial, long have, long size, RunningHash hash, Cancellation cancel)
            throws IOException, CancelledException {
        long written = 0;
        if (d.resumed() && d.start() != have) {
            throw new IOException("the server answered another range than the one asked for");
        }
        try (FileChannel out = PartialFiles.openForWrite(partial);
             InputStream in = d.body()) {
            if (!d.resumed()) {
                out.truncate(0); // a 200 answer to a Range request is a restart (spec §2.5)
                transferred.addAndGet(-have);
                have = 0;
            }
            hash.catchUp(partial, have);
            out.position(have);
            byte[] buf = new byte[CHUNK];
            // never past the size the listing promised: what a server sends beyond it is not read
            for (int n; have + written < size
                    && (n = fill(in, buf, (int) Math.min(buf.length, size - have - written))) > 0; ) {
                PartialFiles.write(out, ByteBuffer.wrap(buf, 0, n));
                hash.update(buf, n);
                written += n;
                transferred.addAndGet(n);
                cancel.throwIfCancelled();
                limit.took(n);
            }
        }
        return written;
    }

    /**
     * Reads up to {@code max} bytes, returning once it has at least a quarter of them or the body ends: the
     * HTTP stack hands over 8 KiB at a time, and writing and hashing in larger pieces halves the client's
     * system time (measured on the 1 GB benchmark: 4.1 s down to 1.8 s). Bytes already read when the stream
     * fails (a pause closes it) are returned rather than lost.
     */
    static int fill(InputStream in, byte[] buf, int max) throws IOException {
        int n = 0;
        while (n < Math.max(1, max / 4)) {
            int r;
            try {
                r = in.read(buf, n, max - n);
            } catch (IOException e) {
                if (n > 0) {
                    return n; // a pause or a broken stream: what already arrived is written, the next read fails
                }
                throw e;
            }
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** Moves a complete partial file to {@code blobs/<etag>} if size and hash are right, else deletes it. */
    static void publish(HubLayout layout, String etag, long size, Path partial, RunningHash hash)
            throws OperationException {
        try {
            long actual = PartialFiles.size(partial);
            hash.catchUp(partial, actual); // a partial left complete by an earlier run is hashed here
            boolean ok = actual == size && hash.matches();
            if (!ok) {
                Files.delete(partial);
                throw new OperationException(new Message(BUNDLE, "download.error.checksum", etag, actual, size),
                        layout.blob(etag), null);
            }
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ch.force(true); // refuses a link: only a regular file of ours becomes a blob
            }
            move(partial, layout.blob(etag));
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "download.error.finish", layout.blob(etag), IoReasons.of(e)),
                    layout.blob(etag), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }


    private static long sizeOf(Path p) {
        return PartialFiles.size(p);
    }
}
