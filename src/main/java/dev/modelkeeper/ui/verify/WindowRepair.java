package dev.modelkeeper.ui.verify;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.repair.RepairAction;
import dev.modelkeeper.core.repair.RepairOperation;
import dev.modelkeeper.core.repair.RepairPlan;
import dev.modelkeeper.core.repair.RepairPlanner;
import dev.modelkeeper.core.repair.RepairResult;
import dev.modelkeeper.core.repair.RepairWorkflow;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.TransferRate;
import dev.modelkeeper.ui.content.ContentRow;
import dev.modelkeeper.ui.content.Formats;
import dev.modelkeeper.ui.content.VerifyState;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The window's part in the {@link RepairWorkflow}. The workflow runs on a thread of its own and waits for
 * the window at each step: the verify before (a verify job, when verify has not looked at the repo), the
 * plan in a dialog, the repair as a job of its own, its result, and the verify again, which follows the
 * rescan the repair calls for (or the rescan, seeing the repo changed, would forget what it said).
 */
final class WindowRepair {

    private static final ThreadFactory WORKFLOWS = Thread.ofVirtual().name("repair-workflow-", 0).factory();

    private final BiFunction<CacheRoot, ContentRow, CompletableFuture<VerifyReport>> verify;
    private final VerifyState state;
    private final Supplier<Optional<HubClient>> hub;
    private final Executor repairExecutor;
    private final Executor fx;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final Runnable rescan;

    /** @param verify starts a verify job on the FX thread; its future ends on the FX thread */
    WindowRepair(BiFunction<CacheRoot, ContentRow, CompletableFuture<VerifyReport>> verify, VerifyState state,
                 Supplier<Optional<HubClient>> hub, Executor repairExecutor, Executor fx, ObservableList<Task<?>> tasks,
                 Dialogs dialogs, ResourceBundle texts, Runnable rescan) {
        this.verify = verify;
        this.state = state;
        this.hub = hub;
        this.repairExecutor = repairExecutor;
        this.fx = fx;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.rescan = rescan;
    }

    /**
     * Repairs one repo. FX thread.
     *
     * @param known what verify found in the repo, to plan from; empty to verify it first
     */
    void start(CacheRoot root, Repo repo, Optional<List<VerifyFinding>> known) {
        var steps = new Steps(root, repo);
        var workflow = new RepairWorkflow(known, new RepairPlanner(false), () -> steps.client, BandwidthLimit.NONE,
                steps);
        WORKFLOWS.newThread(() -> {
            try {
                RepairPlan plan = workflow.run(ProgressListener.NONE, Cancellation.create()).plan();
                if (plan.isEmpty()) {
                    String text = plan.manual().isEmpty() ? "repair.nothing" : "repair.manualOnly";
                    fx.execute(() -> dialogs.info(MessageFormat.format(texts.getString(text), repo.repoId())));
                }
            } catch (OperationException e) {
                // a job that failed said so in its own dialog; a cancelled one needs no word
            } catch (RuntimeException e) {
                fx.execute(() -> dialogs.error(MessageFormat.format(texts.getString("repair.failed"),
                        repo.repoId(), dev.modelkeeper.ui.Errors.text(e, texts)), e));
            }
        }).start();
    }

    /** The steps for one repo; each waits on the workflow's thread for what the FX thread does. */
    private final class Steps implements RepairWorkflow.Steps {
        private final CacheRoot root;
        private final Repo repo;
        private volatile Optional<HubClient> client = Optional.empty();

        Steps(CacheRoot root, Repo repo) {
            this.root = root;
            this.repo = repo;
        }

        @Override
        public VerifyReport verify(boolean again, ProgressListener progress, Cancellation cancel)
                throws OperationException {
            var done = new CompletableFuture<VerifyReport>();
            fx.execute(() -> {
                if (again) {
                    state.afterNextScan(repo.repoPath(), () -> forward(verify.apply(root, ContentRow.of(repo)), done));
                    rescan.run();
                } else { // planned from the repo's problems as the window lists them
                    forward(verify.apply(root, ContentRow.of(repo)).thenApply(r -> new VerifyReport(r.verdicts(),
                            r.blobsHashed(), r.bytesHashed(), r.blobsRecalled(),
                            state.problems().verifiedProblemsOf(repo))), done);
                }
            });
            return await(done);
        }

        @Override
        public boolean confirm(RepairPlan plan) throws OperationException {
            return onFx(() -> {
                String header = MessageFormat.format(texts.getString("repair.plan.header"), repo.repoId(),
                        plan.actions().size(), Formats.size(plan.bytesToFetch()));
                boolean go = dialogs.confirm(header, describe(plan), texts.getString("repair.plan.go"));
                if (go) {
                    client = hub.get(); // built from the settings of this moment
                }
                return go;
            });
        }

        @Override
        public RepairResult repair(RepairOperation repair, ProgressListener progress, Cancellation cancel)
                throws OperationException {
            var done = new CompletableFuture<RepairResult>();
            var title = new dev.modelkeeper.core.task.Message(dev.modelkeeper.ui.LiveTexts.BUNDLE, "repair.title",
                    repo.repoId());
            fx.execute(() -> {
                var task = new FxOperationTask<RepairResult>(repair, texts, new TransferRate(texts, System::nanoTime),
                        title);
                task.setOnSucceeded(e -> {
                    tasks.remove(task);
                    done.complete(task.getValue());
                });
                task.setOnFailed(e -> {
                    tasks.remove(task);
                    dialogs.error(MessageFormat.format(texts.getString("repair.failed"), repo.repoId(),
                            dev.modelkeeper.ui.Errors.text(task.getException(), texts)), task.getException());
                    done.completeExceptionally(task.getException());
                });
                task.setOnCancelled(e -> {
                    tasks.remove(task);
                    done.completeExceptionally(new CancelledException());
                });
                tasks.add(task);
                repairExecutor.execute(task);
            });
            return await(done);
        }

        @Override
        public void repaired(RepairResult r) throws OperationException {
            onFx(() -> {
                if (!r.complete()) {
                    var lines = new ArrayList<String>();
                    r.needNetwork().forEach(a -> lines.add(MessageFormat.format(texts.getString("repair.needsNetwork"),
                            a.path().getFileName())));
                    r.failed().forEach(f -> lines.add(f.reason(dev.modelkeeper.ui.Errors.locale(texts))));
                    dialogs.error(MessageFormat.format(texts.getString("repair.incomplete"), repo.repoId()) + "\n"
                            + String.join("\n", lines), null);
                } else {
                    dialogs.notify(MessageFormat.format(texts.getString("repair.done"), repo.repoId()));
                }
                return null;
            });
        }
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
                    a.bytes() > 0 ? Formats.size(a.bytes()) : "?"));
        }
        if (!plan.manual().isEmpty()) {
            lines.add("");
            lines.add(MessageFormat.format(texts.getString("repair.plan.manual"), plan.manual().size()));
        }
        lines.add("");
        lines.add(texts.getString("repair.plan.safety"));
        return String.join("\n", lines);
    }

    private static <T> void forward(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((value, failure) -> {
            if (failure != null) {
                to.completeExceptionally(failure);
            } else {
                to.complete(value);
            }
        });
    }

    /** Runs on the FX thread and waits for the answer. */
    private <T> T onFx(Supplier<T> work) throws OperationException {
        var done = new CompletableFuture<T>();
        fx.execute(() -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e; // reported as any error on the FX thread is
            }
        });
        return await(done);
    }

    /**
     * Waits for a step. A step that failed (reported already, in its job's dialog or as an error on the FX
     * thread) or was cancelled ends the workflow with an {@link OperationException}.
     */
    private static <T> T await(CompletableFuture<T> step) throws OperationException {
        try {
            return step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c ? c.getCause()
                    : e.getCause();
            throw cause instanceof OperationException oe ? oe : new OperationException(String.valueOf(cause), null, cause);
        }
    }
}
