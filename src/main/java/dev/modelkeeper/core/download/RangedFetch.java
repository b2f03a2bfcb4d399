package dev.modelkeeper.core.download;

import static dev.modelkeeper.core.download.DownloadMessages.BUNDLE;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fetches one large blob over several connections, each asking for the next missing piece with a
 * {@code Range: bytes=a-b} request. Bytes go to {@link HubLayout#parts} at their offsets and a
 * {@link RangeJournal} records what arrived, so every piece resumes where it stopped. The content hash
 * follows the contiguous part from offset 0 as it grows (read back from the page cache), so little
 * hashing is left once the last piece lands; the blob is published only if the hash matches.
 * Call under the blob's lock.
 */
final class RangedFetch {

    /** Files at least this large are fetched in pieces. */
    static final long THRESHOLD = 64L << 20;
    /** Bytes per range request: big enough that request overhead vanishes, small enough to spread well. */
    static final long PIECE = 16L << 20;
    private static final int MAX_FAILURES = 5;
    private static final int BUFFER = 1 << 20;

    /** The server answered a range request with the whole file: use one stream instead. */
    static final class NoRanges extends Exception {
        NoRanges() {
            super(null, null, false, false);
        }
    }

    private final BlobSource source;
    private final AtomicLong transferred;
    private final BandwidthLimit limit;
    private final int connections;
    private final AtomicLong lastSave = new AtomicLong(System.nanoTime());

    RangedFetch(BlobSource source, AtomicLong transferred, BandwidthLimit limit, int connections) {
        this.source = source;
        this.transferred = transferred;
        this.limit = limit;
        this.connections = connections;
    }

    /** Whether this blob goes through here: large enough, or already begun in pieces. */
    boolean applies(HubLayout layout, String etag, long size) {
        return connections > 1 && size >= THRESHOLD || Files.exists(layout.partsJournal(etag));
    }

    /**
     * Fetches and publishes the blob. Returns false, with the contiguous bytes moved to
     * {@link HubLayout#incomplete} for a single stream to continue, when the server ignores ranges.
     */
    boolean fetch(HubLayout layout, BlobRequest meta, Cancellation outer) throws OperationException {
        String etag = meta.etag();
        long size = meta.size();
        Path data = layout.parts(etag);
        RangeJournal journal;
        try {
            journal = RangeJournal.openFor(layout, etag, size);
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "download.error.prepare", data, e.getMessage()), data, e);
        }
        var hash = new RunningHash(etag, size);
        var cancel = Cancellation.create(); // a failed piece stops the others without cancelling the caller
        AutoCloseable hook = outer.onCancel(cancel::cancel);
        try (FileChannel out = PartialFiles.openForWrite(data)) {
            var pieces = new ConcurrentLinkedDeque<>(journal.missing(PIECE));
            var hashing = new ReentrantLock();
            int workers = Math.max(1, Math.min(connections, pieces.size()));
            ExecutorService pool = Executors.newFixedThreadPool(workers,
                    Thread.ofPlatform().daemon().name("range-", 0).factory());
            var futures = new ArrayList<Future<Void>>();
            // the first connection finds out whether the server honours ranges before the others start
            var probed = new CountDownLatch(1);
            try {
                for (int i = 0; i < workers; i++) {
                    boolean first = i == 0;
                    futures.add(pool.submit(() -> {
                        try {
                            if (!first) {
                                probed.await();
                            }
                            for (long[] piece; (piece = pieces.poll()) != null; ) {
                                fetchPiece(meta, piece[0], piece[1], out, journal, cancel, probed);
                                journal.save();
                                follow(hash, data, journal, hashing);
                            }
                        } finally {
                            if (first) {
                                probed.countDown();
                            }
                        }
                        return null;
                    }));
                }
                awaitAll(futures, cancel);
            } finally {
                boolean interrupted = Workers.finish(pool);
                saveQuietly(journal); // after the workers ended, so it holds every piece they wrote
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (NoRanges e) {
            return RangeJournal.handOverToSingleStream(layout, etag, journal);
        } catch (CancelledException e) {
            throw e;
        } catch (OperationException e) {
            if (outer.isCancelled()) {
                throw new CancelledException();
            }
            throw e;
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "download.error.writeRanged", data, e.getMessage()), data, e);
        } finally {
            closeQuietly(hook);
        }
        try {
            BlobFetcher.publish(layout, etag, size, data, hash);
        } finally {
            if (!Files.exists(data)) {
                try {
                    journal.delete(); // published or discarded: the journal has nothing left to describe
                } catch (IOException ignored) {
                    // a journal without its data counts as empty next time
                }
            }
        }
        return true;
    }

    private void fetchPiece(BlobRequest meta, long start, long end, FileChannel out, RangeJournal journal,
                            Cancellation cancel, CountDownLatch probed) throws OperationException, NoRanges, IOException {
        long at = start;
        int failures = 0;
        byte[] buf = new byte[BUFFER];
        while (at < end) {
            cancel.throwIfCancelled();
            long before = at;
            try (BlobSource.Stream d = source.open(meta, at, end - 1, cancel)) {
                if (!d.partial() || d.start() != at) {
                    throw new NoRanges();
                }
                probed.countDown();
                try (InputStream in = d.body()) {
                    for (int n; at < end && (n = BlobFetcher.fill(in, buf, (int) Math.min(buf.length, end - at))) > 0; ) {
                        PartialFiles.write(out, ByteBuffer.wrap(buf, 0, n), at);
                        journal.add(at, at + n);
                        saveEverySecond(journal);
                        at += n;
                        transferred.addAndGet(n);
                        cancel.throwIfCancelled();
                        limit.took(n);
                    }
                }
                if (at - before >= Math.min(BlobFetcher.ALIVE, end - before)) {
                    failures = 0; // bytes arrived: the connection is alive, keep resuming
                } else if (++failures >= BlobFetcher.MAX_EMPTY) {
                    throw brokeOff(meta, null);
                } else {
                    source.retryPolicy().pause(failures - 1, cancel); // an empty answer: do not ask again at once
                }
            } catch (PartialFiles.WriteFailed e) {
                throw e; // the disk, not the network: stop and say so
            } catch (HubException e) {
                if (!source.retryPolicy().backoff(e, failures++, cancel)) {
                    throw e;
                }
            } catch (IOException e) {
                cancel.throwIfCancelled();
                if (at - before >= Math.min(BlobFetcher.ALIVE, end - before)) {
                    failures = 0; // it broke off after real progress: resume, however often that happens
                } else if (++failures > MAX_FAILURES) {
                    throw brokeOff(meta, e);
                }
            }
        }
    }

    /**
     * Saves the journal at most once a second while bytes arrive, so a kill loses about a second of data
     * rather than whole pieces (the bytes themselves are in the page cache as soon as they are written).
     */
    private void saveEverySecond(RangeJournal journal) throws IOException {
        long now = System.nanoTime();
        long last = lastSave.get();
        if (now - last >= 1_000_000_000L && lastSave.compareAndSet(last, now)) {
            journal.save();
        }
    }

    private static OperationException brokeOff(BlobRequest meta, IOException cause) {
        return new OperationException(new Message(BUNDLE, "download.error.brokeOff", meta.etag()), null, cause);
    }

    /** Hashes what became contiguous, unless another connection is already doing it. */
    private static void follow(RunningHash hash, Path data, RangeJournal journal, ReentrantLock hashing)
            throws IOException {
        if (hashing.tryLock()) {
            try {
                hash.catchUp(data, journal.frontier());
            } finally {
                hashing.unlock();
            }
        }
    }

    private static void awaitAll(java.util.List<Future<Void>> futures, Cancellation cancel)
            throws OperationException, NoRanges, IOException {
        Exception first = null;
        for (var f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                // stop the connections and wait for them below: interrupting them would lose what they wrote
                cancel.cancel();
                first = first != null ? first : new CancelledException();
                Thread.currentThread().interrupt();
                rethrow(first);
                return;
            } catch (ExecutionException e) {
                cancel.cancel(); // stop the other connections; the journal keeps what they fetched
                Throwable c = e.getCause();
                boolean better = first == null || first instanceof CancelledException && !(c instanceof CancelledException);
                if (better && c instanceof Exception ex) {
                    first = ex;
                }
            }
        }
        rethrow(first);
    }

    private static void rethrow(Exception first) throws OperationException, NoRanges, IOException {
        switch (first) {
            case null -> { }
            case OperationException e -> throw e;
            case NoRanges e -> throw e;
            case IOException e -> throw e;
            default -> throw new OperationException(new Message(BUNDLE, "download.error.failed", first.getMessage()), null,
                    first);
        }
    }

    private static void saveQuietly(RangeJournal journal) {
        try {
            journal.save();
        } catch (IOException ignored) {
            // the previous save stands; at worst a piece is fetched again
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // only unregisters a cancel hook
        }
    }
}
