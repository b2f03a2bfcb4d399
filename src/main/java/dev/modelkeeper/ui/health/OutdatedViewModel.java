package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.update.RefCheck;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.Errors;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import dev.modelkeeper.ui.content.RowAction;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Which cached repos the endpoint has newer commits for, without a scene graph: "Check for updates" runs
 * {@code OutdatedOperation} per hub cache in the background (never by itself: a window that starts asks nothing,
 * and in offline mode only earlier answers count); the tree's column, the {@code outdated:yes} filter and the
 * row action "Update" read the answers kept here.
 */
public final class OutdatedViewModel {

    /** How checks and updates are made and where they run. */
    public record Jobs(Function<CacheRoot, Operation<List<RefCheck>>> checks,
                       BiFunction<CacheRoot, Repo, Operation<?>> updates, Executor checkExecutor,
                       Executor updateExecutor) {
    }

    /** What the column shows for a repo. */
    public enum State { NOT_CHECKED, UP_TO_DATE, OUTDATED, FAILED }

    private final Jobs jobs;
    private final Supplier<List<CacheRoot>> roots;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final Runnable rescan;
    private final boolean offline;
    private final Map<Path, List<RefCheck>> byRepo = new HashMap<>();
    private final ReadOnlyIntegerWrapper changes = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private int running;

    /**
     * @param roots   the caches in the sidebar
     * @param rescan  what brings the tree up to date after an update
     * @param offline {@code HF_HUB_OFFLINE} is set: checks use earlier answers only and nothing is updated
     */
    public OutdatedViewModel(Jobs jobs, Supplier<List<CacheRoot>> roots, ObservableList<Task<?>> tasks,
                             Dialogs dialogs, ResourceBundle texts, Runnable rescan, boolean offline) {
        this.jobs = jobs;
        this.roots = roots;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.rescan = rescan;
        this.offline = offline;
    }

    /** Adds the {@code outdated:yes|no} filter token and the row action "Update" to the content. */
    public void register(CacheContentViewModel content) {
        content.addFilterField("outdated", (repo, value) -> switch (value) {
            case "yes", "true", "1" -> stateOf(repo) == State.OUTDATED;
            case "no", "false", "0" -> stateOf(repo) == State.UP_TO_DATE;
            default -> stateOf(repo) != State.NOT_CHECKED;
        });
        content.addRowAction(RowAction.of("health.action.update", row -> !offline && stateOf(row.repo()) == State.OUTDATED,
                row -> update(row.repo())));
        changes.addListener((obs, old, now) -> content.refilter());
    }

    /** Ticks whenever answers arrive or are dropped (the column and the filter read them again). */
    public ReadOnlyIntegerProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public boolean isOffline() {
        return offline;
    }

    /** Checks every hub cache in the sidebar in the background. */
    public void checkForUpdates() {
        if (offline) {
            dialogs.info(texts.getString("health.offline"));
        }
        for (CacheRoot root : roots.get()) {
            if (root.kind() == CacheKind.HF_HUB) {
                var task = new FxOperationTask<>(jobs.checks().apply(root), texts);
                task.setOnSucceeded(e -> ended(task, () -> apply(root.path(), task.getValue())));
                task.setOnFailed(e -> ended(task, () -> dialogs.error(MessageFormat.format(
                        texts.getString("health.check.failed"), root.path(), Errors.text(task.getException(), texts)),
                        task.getException())));
                task.setOnCancelled(e -> ended(task, () -> { }));
                running++;
                checking.set(true);
                tasks.add(task);
                jobs.checkExecutor().execute(task);
            }
        }
    }

    private void ended(Task<?> task, Runnable then) {
        tasks.remove(task);
        checking.set(--running > 0);
        then.run();
    }

    /** Keeps the answers of one cache's check (replacing earlier ones for the same repos). */
    public void apply(Path cacheDir, List<RefCheck> checks) {
        var grouped = new HashMap<Path, List<RefCheck>>();
        for (RefCheck c : checks) {
            grouped.computeIfAbsent(key(new HubLayout(cacheDir, c.type(), c.repoId()).repo()), k -> new ArrayList<>())
                    .add(c);
        }
        byRepo.putAll(grouped);
        changes.set(changes.get() + 1);
    }

    /** What the last check said about a repo (its worst ref). */
    public State stateOf(Repo repo) {
        List<RefCheck> checks = byRepo.getOrDefault(key(repo.repoPath()), List.of());
        if (checks.stream().anyMatch(RefCheck::isOutdated)) {
            return State.OUTDATED;
        }
        if (checks.stream().anyMatch(c -> c.state() == RefCheck.State.FAILED)) {
            return State.FAILED;
        }
        return !checks.isEmpty() && checks.stream().allMatch(c -> c.state() == RefCheck.State.UP_TO_DATE)
                ? State.UP_TO_DATE : State.NOT_CHECKED;
    }

    /** The column's text for a repo: "" when not checked. */
    public String text(Repo repo) {
        State s = stateOf(repo);
        return s == State.NOT_CHECKED ? "" : texts.getString("health.state." + s.name());
    }

    /** One line per ref: what changed and how much an update fetches, or why the check failed. */
    public String details(Repo repo) {
        var lines = new ArrayList<String>();
        for (RefCheck c : byRepo.getOrDefault(key(repo.repoPath()), List.of())) {
            lines.add(switch (c.state()) {
                case OUTDATED -> MessageFormat.format(texts.getString("health.ref.outdated"), c.ref(), c.changes().size(),
                        SizeFormat.bytes(c.bytesToFetch()));
                case FAILED -> c.ref() + ": " + (c.problem() == null ? "" : c.problem().message(Errors.locale(texts)));
                default -> MessageFormat.format(texts.getString("health.ref." + c.state().name()), c.ref());
            });
        }
        return String.join("\n", lines);
    }

    /** Brings the repo's refs to the endpoint's commits as a job, then rescans. */
    public void update(Repo repo) {
        Optional<CacheRoot> root = roots.get().stream().filter(r -> key(r.path()).equals(key(repo.repoPath().getParent())))
                .findFirst();
        if (root.isEmpty()) {
            return;
        }
        var task = new FxOperationTask<>(jobs.updates().apply(root.get(), repo), texts,
                new dev.modelkeeper.ui.TransferRate(texts, System::nanoTime));
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            byRepo.remove(key(repo.repoPath()));
            changes.set(changes.get() + 1);
            rescan.run();
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            dialogs.error(MessageFormat.format(texts.getString("health.update.failed"), repo.repoId(),
                    Errors.text(task.getException(), texts)), task.getException());
        });
        task.setOnCancelled(e -> tasks.remove(task));
        tasks.add(task);
        jobs.updateExecutor().execute(task);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
