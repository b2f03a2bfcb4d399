package dev.modelkeeper.ui.verify;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.repair.RepairAction;
import dev.modelkeeper.core.repair.RepairOperation;
import dev.modelkeeper.core.repair.RepairPlan;
import dev.modelkeeper.core.repair.RepairPlanner;
import dev.modelkeeper.core.repair.RepairResult;
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
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Verify and Repair as the window runs them: verify a selection, a root or everything in the background
 * with the status column filling in as files are judged; Repair plans from what verify found, shows the
 * plan, runs it with progress, then verifies the repo again so its status turns verified. FX thread.
 */
public final class VerifyJobs {

    private final VerifyState state;
    private final VerdictStore store;
    private final Supplier<Optional<HubClient>> hub;
    private final Executor verifyExecutor;
    private final Executor repairExecutor;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final Runnable rescan;

    /**
     * @param hub    the Hub client for repairs, built from the current settings; empty when none can be made
     * @param tasks  the window's job list (verify and repair tasks appear there)
     * @param rescan refreshes the tree after a repair changed the cache
     */
    public VerifyJobs(VerifyState state, VerdictStore store, Supplier<Optional<HubClient>> hub,
                      Executor verifyExecutor, Executor repairExecutor, ObservableList<Task<?>> tasks,
                      Dialogs dialogs, ResourceBundle texts, Runnable rescan) {
        this.state = state;
        this.store = store;
        this.hub = hub;
        this.verifyExecutor = verifyExecutor;
        this.repairExecutor = repairExecutor;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.rescan = rescan;
    }

    /** Verifies every file of these roots. */
    public void verifyAll(List<CacheRoot> roots) {
        var holding = roots.stream().filter(CacheRoot::holdsModels).toList();
        if (!holding.isEmpty()) {
            Predicate<Path> covers = p -> holding.stream().anyMatch(r -> p.startsWith(r.path()));
            run(VerifyScope.everything(holding), covers, f -> covers.test(f.path())
                    || f.repo().map(r -> covers.test(r.repoDir())).orElse(false), null);
        }
    }

    /** Verifies the repo, revision or file a row stands for. */
    public void verify(CacheRoot root, ContentRow row, Consumer<VerifyReport> then) {
        VerifyScope scope = row.isRepo() ? VerifyScope.repo(root, row.repo().repoPath())
                : row.isRevision() ? VerifyScope.revision(root, row.repo().repoPath(), row.revision().commitHash())
                : VerifyScope.file(root, row.repo().repoPath(), row.revision().commitHash(), row.file().snapshotPath());
        Path covered = row.path();
        run(scope, p -> p.startsWith(covered) || row.isRepo() && p.startsWith(row.repo().repoPath()),
                VerifyCoverage.of(row), then);
    }

    private void run(VerifyScope scope, Predicate<Path> covers, Predicate<VerifyFinding> coversFinding,
                     Consumer<VerifyReport> then) {
        state.startRun(covers, coversFinding);
        var batch = new Batch(state);
        Operation<VerifyReport> op = new VerifyOperation(scope, store, batch, Runtime.getRuntime().availableProcessors(),
                Optional.empty());
        var task = new FxOperationTask<>(op, new dev.modelkeeper.ui.TransferRate(texts, System::nanoTime));
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            batch.flush();
            saveQuietly();
            if (then != null) {
                then.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            batch.flush();
            dialogs.error(texts.getString("verify.failed"), task.getException());
        });
        task.setOnCancelled(e -> {
            tasks.remove(task);
            batch.flush();
            saveQuietly();
        });
        tasks.add(task);
        verifyExecutor.execute(task);
    }

    /** Shows what the verify memo remembers about a freshly scanned cache (Verified, Corrupt) without reading. */
    public void recall(dev.modelkeeper.core.cache.CacheScan scan) {
        verifyExecutor.execute(() -> {
            var recalled = MemoRecall.of(scan, store);
            if (!recalled.verdicts().isEmpty()) {
                Platform.runLater(() -> state.add(recalled.verdicts(), recalled.findings()));
            }
        });
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
     * Repair for one repo: verifies it first when verify has not looked at it, shows the plan, runs it,
     * and verifies again.
     */
    public void repair(CacheRoot root, Repo repo) {
        repair(root, repo, false);
    }

    private void repair(CacheRoot root, Repo repo, boolean justVerified) {
        var problems = state.problems().verifiedProblemsOf(repo);
        // a problem only the scan (or only the memo) knows lacks what Repair needs: verify the repo first
        boolean scanOnly = state.problems().problemsOf(repo).size() > problems.size();
        if (!justVerified && (problems.isEmpty() || scanOnly)) {
            verify(root, ContentRow.of(repo), report -> {
                if (state.problems().verifiedProblemsOf(repo).isEmpty()) {
                    dialogs.info(MessageFormat.format(texts.getString("repair.nothing"), repo.repoId()));
                } else {
                    repair(root, repo, true);
                }
            });
            return;
        }
        // planning looks at the disk (is a blob there?), so it runs off the FX thread
        verifyExecutor.execute(() -> {
            RepairPlan plan = new RepairPlanner(false).plan(problems);
            Platform.runLater(() -> confirmAndRepair(root, repo, plan));
        });
    }

    private void confirmAndRepair(CacheRoot root, Repo repo, RepairPlan plan) {
        if (plan.isEmpty()) {
            dialogs.info(MessageFormat.format(texts.getString("repair.manualOnly"), repo.repoId()));
            return;
        }
        String header = MessageFormat.format(texts.getString("repair.plan.header"), repo.repoId(),
                plan.actions().size(), dev.modelkeeper.ui.content.Formats.size(plan.bytesToFetch()));
        if (!dialogs.confirm(header, describe(plan), texts.getString("repair.plan.go"))) {
            return;
        }
        var repair = new RepairOperation(plan, hub.get(), dev.modelkeeper.core.download.BandwidthLimit.NONE);
        String title = MessageFormat.format(texts.getString("repair.title"), repo.repoId());
        var task = new FxOperationTask<RepairResult>(new Operation<>() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public RepairResult run(dev.modelkeeper.core.task.ProgressListener progress,
                                    dev.modelkeeper.core.task.Cancellation cancel)
                    throws dev.modelkeeper.core.task.OperationException {
                return repair.run(progress, cancel);
            }
        }, new dev.modelkeeper.ui.TransferRate(texts, System::nanoTime));
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            RepairResult r = task.getValue();
            if (!r.complete()) {
                var lines = new ArrayList<String>();
                r.needNetwork().forEach(a -> lines.add(MessageFormat.format(texts.getString("repair.needsNetwork"),
                        a.path().getFileName())));
                r.failed().forEach(f -> lines.add(f.reason()));
                dialogs.error(MessageFormat.format(texts.getString("repair.incomplete"), repo.repoId()) + "\n"
                        + String.join("\n", lines), null);
            } else {
                dialogs.notify(MessageFormat.format(texts.getString("repair.done"), repo.repoId()));
            }
            state.afterNextScan(repo.repoPath(), () -> verify(root, ContentRow.of(repo), null));
            rescan.run();
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            dialogs.error(MessageFormat.format(texts.getString("repair.failed"), repo.repoId(),
                    task.getException().getMessage()), task.getException());
        });
        task.setOnCancelled(e -> tasks.remove(task));
        tasks.add(task);
        repairExecutor.execute(task);
    }

    /** The file as the user knows it (its path in the repo), not the blob's hash name. */
    private String name(RepairAction a) {
        if (a.files().isEmpty() || a.files().getFirst().filePath().isEmpty()) {
            return a.path().getFileName().toString();
        }
        String first = a.files().getFirst().filePath();
        long others = a.files().stream().map(f -> f.filePath()).distinct().count() - 1;
        return others > 0 ? MessageFormat.format(texts.getString("repair.plan.andOthers"), first, others) : first;
    }

    private String describe(RepairPlan plan) {
        var lines = new ArrayList<String>();
        for (RepairAction a : plan.actions()) {
            // a link whose file is gone is fixed by a download, and the user should read that
            String kind = a.kind() == RepairAction.Kind.RELINK && a.needsNetwork() ? "RELINK_FETCH" : a.kind().name();
            lines.add("• " + MessageFormat.format(texts.getString("repair.action." + kind), name(a),
                    a.bytes() > 0 ? dev.modelkeeper.ui.content.Formats.size(a.bytes()) : "?"));
        }
        if (!plan.manual().isEmpty()) {
            lines.add("");
            lines.add(MessageFormat.format(texts.getString("repair.plan.manual"), plan.manual().size()));
        }
        lines.add("");
        lines.add(texts.getString("repair.plan.safety"));
        return String.join("\n", lines);
    }

    /** Collects what verify streams on its thread and hands it to the FX thread a few times a second. */
    private static final class Batch implements VerifyListener {
        private static final java.util.concurrent.ScheduledExecutorService DELAY =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("verify-batch").factory());
        private final VerifyState state;
        private Map<Path, Verdict> verdicts = new HashMap<>();
        private List<VerifyFinding> findings = new ArrayList<>();
        private boolean scheduled;

        Batch(VerifyState state) {
            this.state = state;
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
                DELAY.schedule(() -> Platform.runLater(this::flush), 150, java.util.concurrent.TimeUnit.MILLISECONDS);
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
