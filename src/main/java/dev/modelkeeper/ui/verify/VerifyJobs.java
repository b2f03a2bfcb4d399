package dev.modelkeeper.ui.verify;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.verify.Verdict;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.content.ContentRow;
import dev.modelkeeper.ui.content.VerifyState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Verify and Repair as the window runs them: verify a selection, a root or everything in the background
 * with the status column filling in as files are judged; Repair ({@link WindowRepair}) plans from what
 * verify found, shows the plan, runs it with progress, then verifies the repo again so its status turns
 * verified. FX thread.
 */
public final class VerifyJobs {

    private final VerifyState state;
    private final VerdictStore store;
    private final Executor verifyExecutor;
    private final Executor fx;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final WindowRepair repairs;

    /**
     * @param hub    the Hub client for repairs, built from the current settings; empty when none can be made
     * @param tasks  the window's job list (verify and repair tasks appear there)
     * @param rescan refreshes the tree after a repair changed the cache
     */
    public VerifyJobs(VerifyState state, VerdictStore store, Supplier<Optional<HubClient>> hub,
                      Executor verifyExecutor, Executor repairExecutor, Executor fx, ObservableList<Task<?>> tasks,
                      Dialogs dialogs, ResourceBundle texts, Runnable rescan) {
        this.state = state;
        this.store = store;
        this.verifyExecutor = verifyExecutor;
        this.fx = fx;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.repairs = new WindowRepair(this::verifyRow, state, hub, repairExecutor, fx, tasks, dialogs, texts, rescan);
    }

    /** Verifies every file of these roots. */
    public void verifyAll(List<CacheRoot> roots) {
        var holding = roots.stream().filter(CacheRoot::holdsModels).toList();
        if (!holding.isEmpty()) {
            Predicate<Path> covers = p -> holding.stream().anyMatch(r -> p.startsWith(r.path()));
            run(VerifyScope.everything(holding), covers, f -> covers.test(f.path())
                    || f.repo().map(r -> covers.test(r.repoDir())).orElse(false));
        }
    }

    /** Verifies the repo, revision or file a row stands for. */
    public void verify(CacheRoot root, ContentRow row, Consumer<VerifyReport> then) {
        verifyRow(root, row).thenAccept(report -> {
            if (then != null) {
                then.accept(report);
            }
        });
    }

    /** Verifies a row; the future ends on the FX thread (failed when the job failed or was cancelled). */
    CompletableFuture<VerifyReport> verifyRow(CacheRoot root, ContentRow row) {
        VerifyScope scope = row.isRepo() ? VerifyScope.repo(root, row.repo().repoPath())
                : row.isRevision() ? VerifyScope.revision(root, row.repo().repoPath(), row.revision().commitHash())
                : VerifyScope.file(root, row.repo().repoPath(), row.revision().commitHash(), row.file().snapshotPath());
        Path covered = row.path();
        return run(scope, p -> p.startsWith(covered) || row.isRepo() && p.startsWith(row.repo().repoPath()),
                VerifyCoverage.of(row));
    }

    private CompletableFuture<VerifyReport> run(VerifyScope scope, Predicate<Path> covers,
                                                Predicate<VerifyFinding> coversFinding) {
        var done = new CompletableFuture<VerifyReport>();
        state.startRun(covers, coversFinding);
        var batch = new Batch(state, fx);
        Operation<VerifyReport> op = new VerifyOperation(scope, store, batch, Runtime.getRuntime().availableProcessors(),
                Optional.empty());
        var task = new FxOperationTask<>(op, texts, new dev.modelkeeper.ui.TransferRate(texts, System::nanoTime));
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            batch.flush();
            saveQuietly();
            done.complete(task.getValue());
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            batch.flush();
            dialogs.error(texts.getString("verify.failed"), task.getException());
            done.completeExceptionally(task.getException());
        });
        task.setOnCancelled(e -> {
            tasks.remove(task);
            batch.flush();
            saveQuietly();
            done.completeExceptionally(new CancelledException());
        });
        tasks.add(task);
        verifyExecutor.execute(task);
        return done;
    }

    /** Shows what the verify memo remembers about a freshly scanned cache (Verified, Corrupt) without reading. */
    public void recall(dev.modelkeeper.core.cache.CacheScan scan) {
        try {
            verifyExecutor.execute(() -> {
                var recalled = MemoRecall.of(scan, store);
                if (!recalled.verdicts().isEmpty()) {
                    fx.execute(() -> state.add(recalled.verdicts(), recalled.findings()));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // a scan that ends while the window closes: nothing to show any more
        }
    }

    private void saveQuietly() {
        verifyExecutor.execute(() -> {
            try {
                store.save();
            } catch (java.io.IOException ignored) {
                // the memo only saves time; the next verify reads the files again
            }
        });
    }

    /**
     * Repair for one repo ({@link WindowRepair}): verifies it first when verify has not looked at it, shows the
     * plan, runs it, and verifies again.
     */
    public void repair(CacheRoot root, Repo repo) {
        var problems = state.problems().verifiedProblemsOf(repo);
        // a problem only the scan (or only the memo) knows lacks what Repair needs: verify the repo first
        boolean scanOnly = state.problems().problemsOf(repo).size() > problems.size();
        repairs.start(root, repo, problems.isEmpty() || scanOnly ? Optional.empty() : Optional.of(problems));
    }

    /** Collects what verify streams on its thread and hands it to the FX thread a few times a second. */
    private static final class Batch implements VerifyListener {
        /** 150 ms later, on the FX thread (the JDK's own delayer: no scheduler thread of ours). */
        private final java.util.concurrent.Executor laterOnFx;
        private final VerifyState state;
        private Map<Path, Verdict> verdicts = new HashMap<>();
        private List<VerifyFinding> findings = new ArrayList<>();
        private boolean scheduled;

        Batch(VerifyState state, Executor fx) {
            this.state = state;
            this.laterOnFx = java.util.concurrent.CompletableFuture.delayedExecutor(150,
                    java.util.concurrent.TimeUnit.MILLISECONDS, fx);
        }

        @Override
        public synchronized void finding(VerifyFinding f) {
            findings.add(f);
            schedule();
        }

        @Override
        public synchronized void verdict(Path path, Verdict v) {
            verdicts.put(path, v);
            schedule();
        }

        private void schedule() {
            if (!scheduled) {
                scheduled = true;
                laterOnFx.execute(this::flush);
            }
        }

        /** FX thread. */
        void flush() {
            Map<Path, Verdict> v;
            List<VerifyFinding> f;
            synchronized (this) {
                v = verdicts;
                f = findings;
                verdicts = new HashMap<>();
                findings = new ArrayList<>();
                scheduled = false;
            }
            if (!v.isEmpty() || !f.isEmpty()) {
                state.add(v, f);
            }
        }
    }
}
