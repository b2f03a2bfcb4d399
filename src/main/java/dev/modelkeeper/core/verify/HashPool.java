package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.HashAlgorithm;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Hashes files on {@code threads} worker threads, one file per task, largest first so that the last
 * big file does not leave the other cores idle at the end. Results come back on the calling thread, so
 * the listener is never called from a worker; the caller also gets the bytes read so far every 100 ms.
 */
final class HashPool {

    /** One file to read, with the checks waiting for its digest. */
    record Job(Path path, HashAlgorithm algorithm, FileIdentity identity, List<BlobCheck> checks) {
    }

    /** A finished job: the digest, or the error that stopped reading. */
    record Result(Job job, ContentHasher.Digest digest, IOException error) {
    }

    private final int threads;

    HashPool(int threads) {
        this.threads = Math.max(1, threads);
    }

    void run(List<Job> jobs, Consumer<Result> onResult, LongConsumer onProgress, Cancellation cancel)
            throws CancelledException {
        if (jobs.isEmpty()) {
            return;
        }
        var ordered = jobs.stream().sorted(Comparator.comparingLong((Job j) -> j.identity().size()).reversed()).toList();
        var read = new AtomicLong();
        var hashers = ThreadLocal.withInitial(ContentHasher::new);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, ordered.size()),
                Thread.ofPlatform().daemon().name("verify-hash-", 0).factory());
        try (AutoCloseable hook = cancel.onCancel(pool::shutdownNow)) {
            CompletionService<Result> done = new ExecutorCompletionService<>(pool);
            for (Job job : ordered) {
                done.submit(() -> hash(hashers.get(), job, read, cancel));
            }
            for (int left = ordered.size(); left > 0; ) {
                Future<Result> f = done.poll(100, TimeUnit.MILLISECONDS);
                cancel.throwIfCancelled();
                onProgress.accept(read.get());
                if (f != null) {
                    left--;
                    onResult.accept(get(f));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (CancelledException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result hash(ContentHasher hasher, Job job, AtomicLong read, Cancellation cancel)
            throws CancelledException {
        try {
            return new Result(job, hasher.hash(job.path(), job.algorithm(), job.identity().size(), read, cancel), null);
        } catch (IOException e) {
            return new Result(job, null, e);
        }
    }

    private static Result get(Future<Result> f) throws CancelledException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancelledException c) {
                throw c;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
