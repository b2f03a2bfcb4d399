package dev.modelkeeper.ui.roots;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.ScanOperation;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import dev.modelkeeper.ui.content.Formats;
import dev.modelkeeper.ui.content.PathActions;
import dev.modelkeeper.ui.settings.SettingsViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The sidebar's state without a scene graph: the cache roots (found again on every refresh, with the
 * folders the user added), the running scan whose repos stream into the content, and the status line.
 * Discovery runs on the I/O executor and scans on the scan executor; results come back to the FX thread.
 */
public final class RootsViewModel {

    /** Where roots are found and scanned, and the threads that do it. */
    public record Scanning(CacheLocator locator, CacheScanner scanner, Executor scanExecutor, Executor ioExecutor,
                           Executor fx) {
    }

    /** What other features do when the roots change; called on the FX thread. */
    public interface Listener {
        /** A refresh starts; {@code first} for the window's first one. */
        default void refreshing(boolean first) {
        }

        /** The scan of one root finished. */
        default void scanned(CacheScan scan) {
        }
    }

    private final Scanning scanning;
    private final SettingsViewModel settings;
    private final CacheContentViewModel content;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final Listener listener;
    private final ObservableList<RootItemViewModel> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private FxOperationTask<List<CacheScan>> scan;
    private boolean firstRefresh = true;

    /** @param tasks the window's running jobs; the scan shows there while it runs */
    public RootsViewModel(Scanning scanning, SettingsViewModel settings, CacheContentViewModel content,
                          ObservableList<Task<?>> tasks, Dialogs dialogs, ResourceBundle texts, Listener listener) {
        this.scanning = scanning;
        this.settings = settings;
        this.content = content;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.listener = listener;
    }

    /** "All" first, then every root found by the last refresh. */
    public ObservableList<RootItemViewModel> items() {
        return items;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return busy.getReadOnlyProperty();
    }

    public ResourceBundle texts() {
        return texts;
    }

    public PathActions pathActions() {
        return content.pathActions();
    }

    /** Shows the repos of the chosen root (or of all). */
    public void select(RootItemViewModel item) {
        content.showRoot(item == null || item.isAll() ? null : item.root());
    }

    /** The roots in the sidebar, without "All". */
    public List<CacheRoot> caches() {
        return items.stream().filter(i -> !i.isAll()).map(RootItemViewModel::root).toList();
    }

    /** The root a repo lives in. */
    public Optional<CacheRoot> rootOf(Repo repo) {
        return caches().stream().filter(r -> repo.repoPath().startsWith(r.path())).findFirst();
    }

    /** Where a download may go: the main hub cache, then every other scanned hub cache in the sidebar. */
    public List<CacheRoot> downloadTargets() {
        var targets = new ArrayList<CacheRoot>();
        targets.add(scanning.locator().hubCache());
        items.stream().filter(i -> !i.isAll() && i.scanProperty().get() != null
                        && i.scanProperty().get().kind() == CacheKind.HF_HUB)
                .map(RootItemViewModel::root).filter(r -> !targets.contains(r)).forEach(targets::add);
        return targets;
    }

    /** Finds the roots again (off the FX thread) and rescans all of them; rows stream in. */
    public void refresh() {
        List<Path> userRoots = settings.settings().userRoots();
        listener.refreshing(firstRefresh);
        firstRefresh = false;
        scanning.ioExecutor().execute(() -> {
            List<CacheRoot> found = scanning.locator().discover(userRoots);
            var links = new HashMap<CacheRoot, Path>();
            for (CacheRoot r : found) {
                if (Files.isSymbolicLink(r.path())) {
                    try {
                        links.put(r, r.path().toRealPath());
                    } catch (IOException e) {
                        links.put(r, r.path()); // a dangling link: the drive it led to is gone
                    }
                }
            }
            scanning.fx().execute(() -> startScan(found, links));
        });
    }

    public void cancelScan() {
        if (scan != null) {
            scan.cancel();
        }
    }

    private void startScan(List<CacheRoot> found, Map<CacheRoot, Path> links) {
        cancelScan();
        var all = new ArrayList<RootItemViewModel>();
        all.add(RootItemViewModel.all());
        found.forEach(r -> all.add(new RootItemViewModel(r, links.get(r), content.verify().problems())));
        items.setAll(all);
        content.clear();
        all.forEach(i -> i.scanningProperty().set(true));
        var op = new ScanOperation(scanning.scanner(), found, new RepoBatcher(content, scanning.fx()),
                s -> scanning.fx().execute(() -> rootDone(s)));
        scan = new FxOperationTask<>(op, texts);
        var task = scan;
        task.setOnSucceeded(e -> finished(task));
        task.setOnFailed(e -> finished(task));
        task.setOnCancelled(e -> finished(task));
        status.bind(task.messageProperty());
        busy.set(true);
        tasks.add(task);
        scanning.scanExecutor().execute(task);
    }

    private void rootDone(CacheScan s) {
        content.setScan(s);
        listener.scanned(s);
        items.stream().filter(i -> s.root().equals(i.root())).forEach(i -> {
            i.scanProperty().set(s);
            i.scanningProperty().set(false);
        });
    }

    private void finished(FxOperationTask<List<CacheScan>> task) {
        tasks.remove(task);
        if (task != scan) {
            return;
        }
        status.unbind();
        items.forEach(i -> i.scanningProperty().set(false));
        busy.set(false);
        summarize();
        if (task.getException() != null) {
            dialogs.error(texts.getString("error.scan"), task.getException());
        }
    }

    /** "12 repos · 34 GB" once a scan ended; again in the new language after a switch. */
    private void summarize() {
        long repos = items.stream().filter(i -> i.scanProperty().get() != null)
                .mapToLong(i -> i.scanProperty().get().repos().size()).sum();
        long size = items.stream().mapToLong(RootItemViewModel::size).sum();
        status.set(MessageFormat.format(texts.getString("status.summary"), repos, Formats.size(size)));
    }

    /** The language changed: the status line is rendered again (a running scan's follows its task). */
    public void relocalize() {
        if (!status.isBound() && !status.get().isEmpty()) {
            summarize();
        }
    }

    /** Adds dropped or chosen folders as roots; files are refused with a plain message. */
    public void addRoots(List<Path> paths) {
        scanning.ioExecutor().execute(() -> {
            var dirs = paths.stream().filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize()).toList();
            var rejected = paths.stream().filter(p -> !Files.isDirectory(p)).toList();
            scanning.fx().execute(() -> {
                if (!rejected.isEmpty()) {
                    dialogs.info(MessageFormat.format(texts.getString("roots.notAFolder"), rejected.getFirst()));
                }
                var known = settings.settings().userRoots();
                var merged = new ArrayList<>(known);
                dirs.stream().filter(d -> !merged.contains(d)).forEach(merged::add);
                if (merged.size() > known.size()) {
                    settings.update(s -> s.withUserRoots(merged));
                    refresh();
                }
            });
        });
    }

    public boolean isRemovable(RootItemViewModel item) {
        return item != null && !item.isAll() && settings.settings().userRoots().contains(item.root().path());
    }

    /** Forgets a folder the user added (nothing on disk is touched). */
    public void removeRoot(RootItemViewModel item) {
        if (!isRemovable(item)) {
            return;
        }
        var rest = new ArrayList<>(settings.settings().userRoots());
        rest.remove(item.root().path());
        settings.update(s -> s.withUserRoots(rest));
        refresh();
    }
}
