package dev.modelkeeper.ui.migrate;

import dev.modelkeeper.core.fs.MountTable;
import dev.modelkeeper.core.migrate.MigrateOperation;
import dev.modelkeeper.core.migrate.MigrationJournal;
import dev.modelkeeper.core.migrate.MigrationPlan;
import dev.modelkeeper.core.migrate.MigrationRefused;
import dev.modelkeeper.core.migrate.MigrationRequest;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.TransferRate;
import dev.modelkeeper.ui.content.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Moving caches to another disk as the window does it: the list of places to drop a cache on, the plan
 * shown before anything moves, the move in the jobs panel, and the offer to finish a move that a crash
 * interrupted. Preflight and the mount table are read off the FX thread. FX thread otherwise.
 */
public final class MoveJobs {

    /** Filesystems worth offering: real disks and network shares, not kernel or container layers. */

    private final Path stateDir;
    private final Executor io;
    private final Executor work;
    private final Executor fx;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final Predicate<Path> busy;
    private final Runnable rescan;
    private final ObservableList<MoveTarget> targets = FXCollections.observableArrayList();
    /** Folders the user added with "Another folder…" (FX thread). */
    private final List<MoveTarget> chosen = new ArrayList<>();

    public MoveJobs(Path stateDir, Executor io, Executor work, Executor fx, ObservableList<Task<?>> tasks,
                    Dialogs dialogs, ResourceBundle texts, Predicate<Path> busy, Runnable rescan) {
        this.stateDir = stateDir;
        this.io = io;
        this.work = work;
        this.fx = fx;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.busy = busy;
        this.rescan = rescan;
    }

    /** Places to drop a cache on; {@link #loadTargets} fills it. */
    public ObservableList<MoveTarget> targets() {
        return targets;
    }

    /** Reads the mounted disks and their free space (off the FX thread). */
    public void loadTargets() {
        io.execute(() -> {
            var found = new ArrayList<MoveTarget>();
            for (var d : MountTable.current().disks()) { // empty where there is no mount table: "Another folder…"
                found.add(new MoveTarget(intoFolderOn(d.mountPoint()), d.type(), d.usableBytes()));
            }
            fx.execute(() -> {
                var all = new ArrayList<>(found);
                chosen.stream().filter(t -> !isMount(found, t)).forEach(all::add); // folders the user added stay
                targets.setAll(all);
            });
        });
    }

    /**
     * Where a cache dropped on a disk goes: the disk's top folder, except for the system disk, where nothing
     * belongs at the root: there it goes into the home folder ({@code $HOME}), which is on that disk.
     */
    static Path intoFolderOn(Path mountPoint) {
        if (mountPoint.getParent() != null) {
            return mountPoint;
        }
        return dev.modelkeeper.core.env.Environment.system().home();
    }

    /** Adds any folder to the places (its free space read off the FX thread). */
    public void addTarget(Path folder) {
        io.execute(() -> {
            long free;
            String type;
            try {
                var store = Files.getFileStore(folder);
                free = store.getUsableSpace();
                type = store.type();
            } catch (java.io.IOException e) {
                free = 0;
                type = "?";
            }
            var t = new MoveTarget(folder.toAbsolutePath().normalize(), type, free);
            fx.execute(() -> {
                if (targets.stream().noneMatch(x -> x.folder().equals(t.folder()))) {
                    chosen.add(t);
                    targets.add(t);
                }
            });
        });
    }

    private static boolean isMount(List<MoveTarget> mounts, MoveTarget t) {
        return mounts.stream().anyMatch(m -> m.folder().equals(t.folder()));
    }

    /** A cache (or a folder dropped from the file manager) dropped on a place: plan, confirm, move. */
    public void move(Path source, Path intoFolder) {
        Path destination = intoFolder.resolve(source.getFileName()); // by the name's bytes, never through a String
        var request = new MigrationRequest(source, destination, true, false);
        boolean busyNow = busy.test(request.source()); // the app's jobs are FX-thread state: asked here, not on io
        io.execute(() -> {
            try {
                MigrationPlan plan = MigrateOperation.preflight(request, p -> busyNow);
                fx.execute(() -> confirmAndRun(plan));
            } catch (MigrationRefused e) {
                fx.execute(() -> dialogs.info(dev.modelkeeper.ui.Errors.text(e, texts)));
            }
        });
    }

    private void confirmAndRun(MigrationPlan plan) {
        var r = plan.request();
        String header = MessageFormat.format(texts.getString("move.plan.header"), r.source().getFileName(),
                r.destination());
        String body = MessageFormat.format(texts.getString("move.plan.body"), r.source(), r.destination(),
                Formats.size(plan.bytes()), plan.files(),
                texts.getString(plan.sameFilesystem() ? "move.plan.rename" : "move.plan.copy"),
                Formats.size(plan.freeBefore()), Formats.size(plan.freeAfter())) + "\n\n"
                + texts.getString("move.plan.link") + "\n\n" + plan.ifInterruptedMessage().render(locale())
                + plan.hazardMessage().map(m -> "\n\n" + m.render(locale())).orElse("");
        if (dialogs.confirm(header, body, texts.getString("move.plan.go"))) {
            run(MigrateOperation.start(stateDir, plan), r.source());
        }
    }

    /**
     * The window's language for core's sentences: the root locale (the English bundle) when it is English, so
     * that a system in another language does not take its place.
     */
    private Locale locale() {
        Locale l = texts.getLocale();
        return l == null || l.getLanguage().isEmpty() ? Locale.ROOT : l;
    }

    private void run(MigrateOperation op, Path source) {
        var task = new FxOperationTask<MigrationJournal>(op, texts, new TransferRate(texts, System::nanoTime));
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            dialogs.notify(MessageFormat.format(texts.getString("move.done"), source.getFileName()));
            rescan.run();
        });
        task.setOnCancelled(e -> {
            tasks.remove(task);
            rescan.run();
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            dialogs.error(dev.modelkeeper.ui.Errors.text(task.getException(), texts), task.getException());
            rescan.run();
        });
        tasks.add(task);
        work.execute(task);
    }

    /** At start: moves a crash interrupted are offered for finishing (off the FX thread to read them). */
    public void offerPending() {
        io.execute(() -> {
            List<MigrationJournal> pending = MigrationJournal.pending(stateDir);
            fx.execute(() -> pending.forEach(j -> {
                String text = MessageFormat.format(texts.getString("move.pending"), j.source(), j.destination());
                if (dialogs.confirm(texts.getString("move.pending.header"), text, texts.getString("move.pending.go"))) {
                    run(MigrateOperation.resume(j), j.source());
                }
            }));
        });
    }
}
