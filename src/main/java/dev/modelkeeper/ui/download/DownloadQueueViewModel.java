package dev.modelkeeper.ui.download;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadQueueStore;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.download.PartialDownloads;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.TransferRate;
import dev.modelkeeper.ui.content.Formats;
import java.io.IOException;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Logger;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The download queue of the window: running and paused downloads with Pause, Resume and Cancel. It is kept
 * in {@code state/downloads.json}, so downloads running or paused when the app quits come back paused,
 * with the bytes they already have on disk. Disk work runs on the io executor; results come back through
 * the fx executor. No scene graph here.
 */
public final class DownloadQueueViewModel {

    private static final Logger LOG = Logger.getLogger("dev.modelkeeper");

    /** Where the queue runs its work; {@code fx} is the FX thread ({@code Platform::runLater}). */
    public record Executors(Executor downloads, Executor io, Executor fx) {
    }

    private final Function<DownloadRequest, Operation<DownloadPlan>> operations;
    private final Executors run;
    private final DownloadQueueStore store;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final Runnable landed;
    private final ObservableList<DownloadEntry> entries = FXCollections.observableArrayList();
    private volatile boolean closing;

    /**
     * @param tasks  the window's running jobs; a running download is added while it runs
     * @param landed called when a download finished or partial data was removed (the tree is scanned again)
     */
    public DownloadQueueViewModel(Function<DownloadRequest, Operation<DownloadPlan>> operations, Executors run,
                                  DownloadQueueStore store, ObservableList<Task<?>> tasks, Dialogs dialogs,
                                  ResourceBundle texts, Runnable landed) {
        this.operations = operations;
        this.run = run;
        this.store = store;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.landed = landed;
    }

    /**
     * Loads the queue of the last run, every download paused with what it has on disk. Reads files: call it
     * before the window shows, off the FX thread.
     */
    public void restore() {
        for (DownloadRequest r : store.load()) {
            var entry = new DownloadEntry(r);
            long bytes = PartialDownloads.fetchedBytes(repoDir(r));
            entry.paused(pausedText(bytes));
            entry.measured(bytes, pausedText(bytes));
            entries.add(entry);
        }
    }

    public ObservableList<DownloadEntry> entries() {
        return entries;
    }

    /** Starts a download; it shows with its progress and the tree updates when it lands. */
    public void start(DownloadRequest request) {
        var existing = entries.stream().filter(e -> e.request().equals(request)).findFirst();
        if (existing.isPresent()) {
            resume(existing.get());
            return;
        }
        var entry = new DownloadEntry(request);
        entries.add(entry);
        launch(entry);
    }

    /** Stops a running download; what it fetched stays in the cache and it waits for Resume. */
    public void pause(DownloadEntry entry) {
        var task = entry.task();
        if (task == null) {
            return;
        }
        entry.paused(pausedText(entry.onDiskProperty().get()));
        tasks.remove(task);
        task.cancel();
        measureWhenEnded(entry, task);
        save();
    }

    /** Continues a paused download where it stopped (ranges of what is missing only). */
    public void resume(DownloadEntry entry) {
        if (entry.state() == DownloadEntry.State.PAUSED && entries.contains(entry)) {
            launch(entry);
        }
    }

    /**
     * Gives a download up after asking whether to keep its partial data for later (a new download of the
     * same repo continues from it) or to delete it; nothing else in the cache is touched.
     */
    public void cancel(DownloadEntry entry) {
        long bytes = entry.onDiskProperty().get();
        String question = MessageFormat.format(texts.getString("downloads.cancel.question"), entry.title(),
                entry.state() == DownloadEntry.State.RUNNING || bytes > 0 ? 1 : 0, Formats.size(bytes));
        int answer = dialogs.choose(question, texts.getString("downloads.cancel.delete"),
                texts.getString("downloads.cancel.keep"), texts.getString("downloads.cancel.back"));
        if (answer != 0 && answer != 1) {
            return;
        }
        var task = entry.task();
        entries.remove(entry);
        if (task != null) {
            tasks.remove(task);
            task.cancel();
        }
        save();
        if (answer == 0) {
            var ended = task == null ? java.util.concurrent.CompletableFuture.<Void>completedFuture(null) : task.ended();
            ended.thenRunAsync(() -> deletePartial(entry.request()), run.io());
        }
    }

    /** How many downloads are running now. */
    public long running() {
        return entries.stream().filter(e -> e.state() == DownloadEntry.State.RUNNING).count();
    }

    /**
     * Asks before quitting while downloads run; true when the window may close. Those downloads come back
     * paused next time.
     */
    public boolean confirmQuit() {
        long n = running();
        if (n == 0) {
            return true;
        }
        return dialogs.choose(MessageFormat.format(texts.getString("downloads.quit.question"), n),
                texts.getString("downloads.quit.yes"), texts.getString("downloads.quit.no")) == 0;
    }

    /** The app quits: running downloads stop and stay in the saved queue, to come back paused. */
    public void closing() {
        closing = true;
        entries.stream().map(DownloadEntry::task).filter(java.util.Objects::nonNull).forEach(Task::cancel);
    }

    /** True while a download of this queue writes into {@code path} (or below it, or above it). */
    public boolean writesInto(Path path) {
        return entries.stream().filter(e -> e.state() == DownloadEntry.State.RUNNING).map(e -> e.request().cache())
                .anyMatch(c -> c.startsWith(path) || path.startsWith(c));
    }

    /** Whether this task is one of the queue's downloads (the queue shows those itself). */
    public boolean owns(Task<?> task) {
        return entries.stream().anyMatch(e -> e.task() == task);
    }

    private void launch(DownloadEntry entry) {
        DownloadRequest request = entry.request();
        // a resumed download reports the bytes already on disk too: they are not speed
        var task = new FxOperationTask<>(operations.apply(request), texts,
                new TransferRate(texts, System::nanoTime, entry.onDiskProperty().get()));
        entry.running(task);
        task.setOnSucceeded(e -> {
            finished(entry, task);
            dialogs.notify(MessageFormat.format(texts.getString("jobs.downloaded"), request.repoId()));
            landed.run();
        });
        task.setOnFailed(e -> {
            finished(entry, task);
            if (dialogs.askRetry(MessageFormat.format(texts.getString("jobs.failed"), request.repoId(),
                    dev.modelkeeper.ui.Errors.text(task.getException(), texts)))) {
                start(request);
            }
        });
        tasks.add(task);
        save();
        run.downloads().execute(task);
    }

    private void finished(DownloadEntry entry, Task<?> task) {
        tasks.remove(task);
        if (entry.task() == task) {
            entries.remove(entry);
        }
        save();
    }

    private void measureWhenEnded(DownloadEntry entry, FxOperationTask<DownloadPlan> task) {
        task.ended().thenRunAsync(() -> {
            long bytes = PartialDownloads.fetchedBytes(repoDir(entry.request()));
            run.fx().execute(() -> entry.measured(bytes, pausedText(bytes)));
        }, run.io());
    }

    private void deletePartial(DownloadRequest r) {
        try {
            List<Path> busy = PartialDownloads.delete(layout(r));
            if (!busy.isEmpty()) {
                run.fx().execute(() -> dialogs.info(MessageFormat.format(texts.getString("downloads.partialBusy"),
                        busy.size(), r.repoId())));
            }
        } catch (IOException e) {
            run.fx().execute(() -> dialogs.error(MessageFormat.format(texts.getString("downloads.partialNotDeleted"),
                    r.repoId()), e));
        }
        run.fx().execute(landed);
    }

    /** The language changed: paused entries say so again in it (running ones follow their task). */
    public void relocalize() {
        entries.stream().filter(e -> e.state() == DownloadEntry.State.PAUSED)
                .forEach(e -> e.measured(e.onDiskProperty().get(), pausedText(e.onDiskProperty().get())));
    }

    private String pausedText(long bytes) {
        return bytes > 0 ? MessageFormat.format(texts.getString("downloads.paused"), Formats.size(bytes))
                : texts.getString("downloads.pausedEmpty");
    }

    /** Running and paused downloads, so that a restart (or a crash) does not lose the queue. */
    private void save() {
        if (closing) {
            return; // quitting stops running downloads; they must stay in the queue for next time
        }
        var all = entries.stream().map(DownloadEntry::request).toList();
        run.io().execute(() -> {
            try {
                store.save(all);
            } catch (IOException e) {
                LOG.warning("download queue not saved: " + e);
            }
        });
    }

    private static HubLayout layout(DownloadRequest r) {
        return new HubLayout(r.cache(), r.type(), r.repoId());
    }

    private static Path repoDir(DownloadRequest r) {
        return layout(r).repo();
    }
}
