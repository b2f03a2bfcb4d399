package dev.modelkeeper.bench;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import java.nio.file.Path;
import java.util.Optional;

/**
 * For src/bench/verify_benchmark.py: verifies one repo folder several times in one JVM, nothing
 * remembered, and prints the speed of the hashing phase of each run (MiB/s), from the moment the bytes
 * to hash are known to the end. The first run includes the JIT compiling the SHA intrinsics; the later
 * ones show what the hashing code does once compiled. Usage: VerifyRuns REPO_DIR THREADS RUNS
 */
public final class VerifyRuns {

    private VerifyRuns() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).toAbsolutePath();
        int threads = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        for (int i = 0; i < runs; i++) {
            long[] start = {0};
            ProgressListener progress = new ProgressListener() {
                @Override
                public void progress(long done, long total) {
                    if (total > 0 && start[0] == 0) {
                        start[0] = System.nanoTime();
                    }
                }
            };
            VerifyReport r = new VerifyOperation(VerifyScope.repo(CacheRoot.user(repo.getParent()), repo),
                    VerdictStore.inMemory(), VerifyListener.NONE, threads, Optional.empty())
                    .run(progress, Cancellation.create());
            double seconds = (System.nanoTime() - start[0]) / 1e9;
            System.out.printf("%.0f%n", r.bytesHashed() / 1048576.0 / seconds);
        }
    }
}
