package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Scans repo folders on a few threads (stat-bound work overlaps well), hands each result to
 * {@code onDone} as soon as it is ready, and stops between repos when cancelled.
 */
final class RepoPool<R> {

    /** Scans one folder. */
    @FunctionalInterface
    interface Task<R> {
        R scan(Path dir) throws IOException;
    }

    private final int parallelism;

    RepoPool(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    List<R> run(List<Path> dirs, Task<R> task, Consumer<R> onDone, ProgressListener progress,
                Cancellation cancel) throws IOException, CancelledException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, dirs.size())),
                Thread.ofPlatform().daemon().name("scan-repo-", 0).factory());
        try (AutoCloseable hook = cancel.onCancel(pool::shutdownNow)) {
            CompletionService<R> done = new ExecutorCompletionService<>(pool);
            var futures = new ArrayList<Future<R>>();
            for (Path dir : dirs) {
                futures.add(done.submit(() -> cancel.isCancelled() ? null : task.scan(dir)));
            }
            var results = new ArrayList<R>();
            for (int i = 0; i < dirs.size(); i++) {
                cancel.throwIfCancelled();
                R r = take(done);
                cancel.throwIfCancelled();
                results.add(r);
                onDone.accept(r);
                progress.progress(i + 1, dirs.size());
            }
            return results;
        } catch (CancelledException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R take(CompletionService<R> done) throws IOException, CancelledException {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
