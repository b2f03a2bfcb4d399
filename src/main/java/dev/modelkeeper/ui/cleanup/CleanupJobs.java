package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cleanup.CleanupPlan;
import dev.modelkeeper.core.cleanup.CleanupPlanner;
import dev.modelkeeper.core.cleanup.CleanupTarget;
import dev.modelkeeper.core.cleanup.Dedupe;
import dev.modelkeeper.core.cleanup.DedupePlan;
import dev.modelkeeper.core.cleanup.Disposal;
import dev.modelkeeper.core.cleanup.PruneRules;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.Errors;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.LiveTexts;
import dev.modelkeeper.ui.content.ContentRow;
import dev.modelkeeper.ui.content.Formats;
import java.io.IOException;
import java.text.MessageFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Delete and Clean up as the window runs them: the plan is made off the FX thread from the last scan, shown
 * (the Delete preview, or the Clean up view), and run when confirmed as a job in the jobs panel; then the
 * roots are scanned again, so the sidebar's size and badges and the tree show what is left. FX thread.
 */
public final class CleanupJobs {

    private final CleanupServices services;
    private final Supplier<List<CacheScan>> scans;
    private final Executor fx;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final Runnable rescan;
    private final PlanLines lines;
    private volatile Optional<Disposal> trash;

    /**
     * @param scans  the last scan of every root in the sidebar (read on the FX thread)
     * @param tasks  the window's job list
     * @param rescan scans the roots again after a cleanup changed them
     */
    public CleanupJobs(CleanupServices services, Supplier<List<CacheScan>> scans, Executor fx,
                       ObservableList<Task<?>> tasks, Dialogs dialogs, ResourceBundle texts, Runnable rescan) {
        this.services = services;
        this.scans = scans;
        this.fx = fx;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.rescan = rescan;
        this.lines = new PlanLines(texts);
    }

    /** Plans the deletion of the repo, revision or file of a row and shows its preview. */
    public void delete(ContentRow row) {
        Optional<CacheScan> scan = scanOf(row.repo());
        if (scan.isEmpty()) {
            return; // not a scanned hub cache: nothing the cleanup knows how to remove
        }
        CleanupTarget target = targetOf(row);
        String what = row.isRepo() ? row.repo().repoId() : row.repo().repoId() + " · " + row.name();
        services.executor().execute(() -> {
            // only the row's own cache: the same repo in another root is another copy, not this one
            CleanupPlan plan = planner(List.of(scan.get())).remove(List.of(target));
            boolean canTrash = trash().isPresent();
            var names = new HashMap<Path, String>();
            row.repo().revisions().forEach(r -> r.files().forEach(f -> names.putIfAbsent(f.blobPath(), f.filePath())));
            fx.execute(() -> confirm(lines.preview(plan, what, canTrash, names)));
        });
    }

    /** Whether Delete can act on a row: a repo, revision or file of a scanned hub cache. */
    public boolean canDelete(ContentRow row) {
        return row != null && row.repo().kind() == CacheKind.HF_HUB && scanOf(row.repo()).isPresent();
    }

    private void confirm(DeletePreview preview) {
        if (preview.isEmpty()) {
            String why = preview.refused().isEmpty() ? MessageFormat.format(texts.getString("cleanup.nothing"),
                    preview.title()) : String.join("\n", preview.refused());
            dialogs.info(why);
            return;
        }
        services.prompts().confirmDelete(preview).ifPresent(mode -> run(preview.plan(), null, mode,
                new Message(LiveTexts.BUNDLE, "cleanup.job.delete", preview.title())));
    }

    /** Opens the Clean up view, which plans the safe wins as it opens. */
    public CleanUpViewModel cleanUp() {
        var model = new CleanUpViewModel(this, texts);
        model.load();
        services.prompts().showCleanUp(model);
        return model;
    }

    /** Plans the prune (with the unused rule) and the dedupe of every hub cache, off the FX thread. */
    void planSafeWins(Consumer<SafeWins> then) {
        List<CacheScan> now = scans.get();
        services.executor().execute(() -> {
            CleanupPlan prune = planner(now).prune(new PruneRules(Optional.empty(), Optional.of(services.unusedFor())),
                    services.clock().instant());
            DedupePlan dedupe;
            try {
                dedupe = Dedupe.plan(now.stream().filter(CleanupJobs::isHub).map(s -> s.root().path()).toList(),
                        services.openFiles().get());
            } catch (IOException e) {
                dedupe = new DedupePlan(List.of(), List.of(), List.of(), List.of()); // duplicates are not offered this time
            }
            var wins = new SafeWins(prune, dedupe);
            fx.execute(() -> then.accept(wins));
        });
    }

    /** Runs what the Clean up view chose; leftovers go for good, they are nothing anyone restores. */
    void runSafeWins(CleanupPlan plan, DedupePlan dedupe) {
        run(plan, dedupe, CleanupPrompts.Mode.PERMANENT, new Message(LiveTexts.BUNDLE, "cleanup.job.cleanUp"));
    }

    private void run(CleanupPlan plan, DedupePlan dedupe, CleanupPrompts.Mode mode, Message title) {
        boolean toTrash = mode == CleanupPrompts.Mode.TRASH;
        Disposal disposal = toTrash ? trash().orElseThrow() : new Disposal.Permanent();
        // in the trash a repo is one item to restore, not its refs, snapshots and blobs one by one
        CleanupPlan carried = plan == null ? null : plan.withFates(disposal).asCarriedOut();
        var task = FxOperationTask.job(new CleanUpRun(carried, dedupe, disposal, services.openFiles(), title), texts,
                title);
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            report(task.getValue(), toTrash ? plan.expectedFreedSize() : -1);
            rescan.run();
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            dialogs.error(MessageFormat.format(texts.getString("cleanup.failed"), Errors.text(task.getException(), texts)),
                    task.getException());
            rescan.run();
        });
        task.setOnCancelled(e -> {
            tasks.remove(task);
            rescan.run(); // what was removed before the cancel is gone
        });
        tasks.add(task);
        services.executor().execute(task);
    }

    /** @param trashed the bytes moved to the trash, or -1 when deleted for good */
    private void report(CleanUpRun.Outcome outcome, long trashed) {
        var problems = new ArrayList<String>();
        if (outcome.cleanup() != null) {
            problems.addAll(lines.refused(outcome.cleanup().refused()));
            outcome.cleanup().failed().forEach(f -> problems.add(f.reason().render(Errors.locale(texts))));
        }
        if (outcome.dedupe() != null) {
            outcome.dedupe().skipped().forEach(s -> problems.add(s.message().render(Errors.locale(texts))));
        }
        String freed = trashed >= 0 ? MessageFormat.format(texts.getString("cleanup.done.trash"), Formats.size(trashed))
                : MessageFormat.format(texts.getString("cleanup.done"), Formats.size(outcome.freedBytes()));
        if (problems.isEmpty()) {
            dialogs.notify(freed);
        } else {
            dialogs.error(freed + "\n" + String.join("\n", problems), null);
        }
    }

    /** The trash, asked once (off the FX thread: it reads the process's user). */
    private Optional<Disposal> trash() {
        Optional<Disposal> known = trash;
        if (known == null) {
            known = services.trash().get();
            trash = known;
        }
        return known;
    }

    private CleanupPlanner planner(List<CacheScan> of) {
        return new CleanupPlanner(of, services.locks(), services.inUse().get());
    }

    private Optional<CacheScan> scanOf(Repo repo) {
        return scans.get().stream().filter(CleanupJobs::isHub)
                .filter(s -> repo.repoPath().startsWith(s.root().path())).findFirst();
    }

    private static boolean isHub(CacheScan s) {
        return s.kind() == CacheKind.HF_HUB && s.state() == CacheScan.State.ONLINE;
    }

    private static CleanupTarget targetOf(ContentRow row) {
        Repo repo = row.repo();
        if (row.isRepo()) {
            return new CleanupTarget.WholeRepo(repo.type(), repo.repoId());
        }
        if (row.isRevision()) {
            return new CleanupTarget.OneRevision(row.revision().commitHash());
        }
        return new CleanupTarget.OneFile(repo.type(), repo.repoId(), Optional.of(row.revision().commitHash()),
                row.file().filePath());
    }
}
