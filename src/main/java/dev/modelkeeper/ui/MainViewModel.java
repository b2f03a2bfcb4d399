package dev.modelkeeper.ui;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.cache.ScanOperation;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import dev.modelkeeper.ui.content.PathActions;
import dev.modelkeeper.ui.roots.RootItemViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import dev.modelkeeper.core.env.TokenStore;
import java.util.function.UnaryOperator;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.ui.download.DownloadQueueViewModel;
import dev.modelkeeper.ui.download.DownloadViewModel;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * State of the main window without any scene graph: the roots in the sidebar, the running scan, and the
 * commands of the menus. Disk work (discovery, settings, scans) runs on the given executors; results come
 * back to the FX thread.
 */
public final class MainViewModel {

    private final CacheLocator locator;
    private final CacheScanner scanner;
    private final SettingsStore settingsStore;
    private final Executor scanExecutor;
    private final Executor ioExecutor;
    private final BiFunction<Settings, DownloadRequest, Operation<DownloadPlan>> downloads;
    private final TokenStore tokens;
    private final DownloadQueueViewModel downloadQueue;
    private volatile boolean tokenStored;
    private final Executor downloadExecutor;
    private final CacheContentViewModel content;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final ObservableList<RootItemViewModel> roots = FXCollections.observableArrayList();
    private final ObservableList<Task<?>> tasks = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty scanning = new SimpleBooleanProperty();
    private volatile Settings settings;
    private FxOperationTask<List<CacheScan>> scan;

    public MainViewModel(Services services, Settings settings, CacheContentViewModel content, Dialogs dialogs,
                         ResourceBundle texts) {
        this.locator = services.locator();
        this.scanner = services.scanner();
        this.settingsStore = services.settingsStore();
        this.scanExecutor = services.scanExecutor();
        this.ioExecutor = services.ioExecutor();
        this.downloads = services.downloads();
        this.tokens = services.tokens();
        this.tokenStored = tokens.load().isPresent(); // read here, off the FX thread (AppContext runs in init)
        this.downloadExecutor = services.downloadExecutor();
        this.downloadQueue = new DownloadQueueViewModel(r -> downloads.apply(this.settings, r),
                new DownloadQueueViewModel.Executors(downloadExecutor, ioExecutor, Platform::runLater),
                services.queue(), tasks, dialogs, texts, this::refresh);
        downloadQueue.restore(); // unfinished downloads of the last run come back paused
        this.settings = settings;
        this.content = content;
        this.dialogs = dialogs;
        this.texts = texts;
        this.verifyJobs = new dev.modelkeeper.ui.verify.VerifyJobs(content.verify(), services.verdicts(),
                () -> services.hub().apply(this.settings), services.verifyExecutor(), services.repairExecutor(), tasks,
                dialogs, texts,
                this::refresh);
        content.setRowActions(this::verify, this::repair);
        this.moves = new dev.modelkeeper.ui.migrate.MoveJobs(services.stateDir(), ioExecutor, services.moveExecutor(), tasks,
                dialogs, texts, this::busy, this::refresh);
    }

    private final dev.modelkeeper.ui.migrate.MoveJobs moves;

    private final dev.modelkeeper.ui.verify.VerifyJobs verifyJobs;

    /** Verifies every cache in the sidebar. */
    public void verifyAll() {
        verifyJobs.verifyAll(roots.stream().filter(i -> !i.isAll()).map(RootItemViewModel::root).toList());
    }

    /** Verifies the repo, revision or file of a row. */
    public void verify(dev.modelkeeper.ui.content.ContentRow row) {
        rootOf(row.repo()).ifPresent(root -> verifyJobs.verify(root, row, null));
    }

    /** Opens the repair plan of a repo (verifying it first if needed) and runs it when confirmed. */
    public void repair(dev.modelkeeper.core.cache.Repo repo) {
        rootOf(repo).ifPresent(root -> verifyJobs.repair(root, repo));
    }

    private java.util.Optional<CacheRoot> rootOf(dev.modelkeeper.core.cache.Repo repo) {
        return roots.stream().filter(i -> !i.isAll() && repo.repoPath().startsWith(i.root().path()))
                .map(RootItemViewModel::root).findFirst();
    }

    /**
     * The collaborators a main window needs. Each kind of background work has its own executor, made in the
     * composition root: a verify never waits behind a Refresh (or the reverse), a repair or a move never takes
     * a download's slot.
     */
    public record Services(CacheLocator locator, CacheScanner scanner, SettingsStore settingsStore,
                           Executor scanExecutor, Executor ioExecutor,
                           BiFunction<Settings, DownloadRequest, Operation<DownloadPlan>> downloads,
                           Executor downloadExecutor, TokenStore tokens,
                           dev.modelkeeper.core.download.DownloadQueueStore queue,
                           dev.modelkeeper.core.verify.VerdictStore verdicts,
                           java.util.function.Function<Settings, java.util.Optional<dev.modelkeeper.core.hub.HubClient>> hub,
                           Path stateDir, Executor verifyExecutor, Executor repairExecutor, Executor moveExecutor) {
    }

    public ObservableList<RootItemViewModel> roots() {
        return roots;
    }

    public ObservableList<Task<?>> tasks() {
        return tasks;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty scanningProperty() {
        return scanning;
    }

    public ResourceBundle texts() {
        return texts;
    }

    public PathActions pathActions() {
        return content.pathActions();
    }

    public CacheContentViewModel content() {
        return content;
    }

    public Settings settings() {
        return settings;
    }

    public void select(RootItemViewModel item) {
        content.showRoot(item == null || item.isAll() ? null : item.root());
    }

    /** Finds the roots again (off the FX thread) and rescans all of them; rows stream in. */
    public void refresh() {
        List<Path> userRoots = settings.userRoots();
        moves.loadTargets();
        if (firstRefresh) {
            firstRefresh = false;
            moves.offerPending();
        }
        ioExecutor.execute(() -> {
            List<CacheRoot> found = locator.discover(userRoots);
            var links = new java.util.HashMap<CacheRoot, Path>();
            for (CacheRoot r : found) {
                if (Files.isSymbolicLink(r.path())) {
                    try {
                        links.put(r, r.path().toRealPath());
                    } catch (java.io.IOException e) {
                        links.put(r, r.path()); // a dangling link: the drive it led to is gone
                    }
                }
            }
            Platform.runLater(() -> startScan(found, links));
        });
    }

    private boolean firstRefresh = true;

    /** Moving caches to another disk (drop targets, plans, jobs). */
    public dev.modelkeeper.ui.migrate.MoveJobs moves() {
        return moves;
    }

    /** True while a download of this app writes into {@code path} (or below it, or above it). */
    private boolean busy(Path path) {
        return downloadQueue.writesInto(path);
    }

    private void startScan(List<CacheRoot> found, java.util.Map<CacheRoot, Path> links) {
        if (scan != null) {
            scan.cancel();
        }
        var items = new ArrayList<RootItemViewModel>();
        items.add(RootItemViewModel.all());
        found.forEach(r -> items.add(new RootItemViewModel(r, links.get(r), content.verify().problems())));
        roots.setAll(items);
        content.clear();
        items.forEach(i -> i.scanningProperty().set(true));
        var batcher = new RepoBatcher(content);
        var op = new ScanOperation(scanner, found, batcher, s -> Platform.runLater(() -> rootDone(s)));
        scan = new FxOperationTask<>(op);
        var task = scan;
        task.setOnSucceeded(e -> finished(task));
        task.setOnFailed(e -> finished(task));
        task.setOnCancelled(e -> finished(task));
        status.bind(task.messageProperty());
        scanning.set(true);
        tasks.add(task);
        scanExecutor.execute(task);
    }

    private void rootDone(CacheScan s) {
        content.setScan(s);
        verifyJobs.recall(s); // the verdicts the memo remembers, shown without reading the files again
        roots.stream().filter(i -> s.root().equals(i.root())).forEach(i -> {
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
        roots.forEach(i -> i.scanningProperty().set(false));
        scanning.set(false);
        long repos = roots.stream().filter(i -> i.scanProperty().get() != null)
                .mapToLong(i -> i.scanProperty().get().repos().size()).sum();
        long size = roots.stream().mapToLong(RootItemViewModel::size).sum();
        status.set(MessageFormat.format(texts.getString("status.summary"), repos,
                dev.modelkeeper.ui.content.Formats.size(size)));
        if (task.getException() != null) {
            dialogs.error(texts.getString("error.scan"), task.getException());
        }
    }

    /** Adds dropped or chosen folders as roots; files are refused with a plain message. */
    public void addRoots(List<Path> paths) {
        ioExecutor.execute(() -> {
            var dirs = paths.stream().filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize()).toList();
            var rejected = paths.stream().filter(p -> !Files.isDirectory(p)).toList();
            Platform.runLater(() -> {
                if (!rejected.isEmpty()) {
                    dialogs.info(MessageFormat.format(texts.getString("roots.notAFolder"), rejected.getFirst()));
                }
                var merged = new ArrayList<>(settings.userRoots());
                dirs.stream().filter(d -> !merged.contains(d)).forEach(merged::add);
                if (merged.size() > settings.userRoots().size()) {
                    updateSettings(s -> s.withUserRoots(merged));
                    refresh();
                }
            });
        });
    }

    public boolean isRemovable(RootItemViewModel item) {
        return item != null && !item.isAll() && settings.userRoots().contains(item.root().path());
    }

    /** Forgets a folder the user added (nothing on disk is touched). */
    public void removeRoot(RootItemViewModel item) {
        if (!isRemovable(item)) {
            return;
        }
        var rest = new ArrayList<>(settings.userRoots());
        rest.remove(item.root().path());
        updateSettings(s -> s.withUserRoots(rest));
        refresh();
    }

    /** Changes the settings and saves them in the background. */
    public void updateSettings(UnaryOperator<Settings> change) {
        settings = change.apply(settings);
        Settings snapshot = settings;
        ioExecutor.execute(() -> {
            try {
                settingsStore.save(snapshot);
            } catch (java.io.IOException e) {
                Platform.runLater(() -> dialogs.error(MessageFormat.format(texts.getString("error.settings"),
                        settingsStore.file()), e));
            }
        });
    }

    /** A form for "Download model…", targeting the hub caches in the sidebar (the main one first). */
    public DownloadViewModel newDownload() {
        var targets = new ArrayList<CacheRoot>();
        targets.add(locator.hubCache());
        roots.stream().filter(i -> !i.isAll() && i.scanProperty().get() != null
                        && i.scanProperty().get().kind() == dev.modelkeeper.core.cache.CacheKind.HF_HUB)
                .map(RootItemViewModel::root).filter(r -> !targets.contains(r)).forEach(targets::add);
        return new DownloadViewModel(targets, r -> downloads.apply(settings, r), ioExecutor, texts);
    }

    /** Runs a download in the background; it shows in the downloads panel and the tree updates when it lands. */
    public void startDownload(DownloadRequest request) {
        downloadQueue.start(request);
    }

    /** Running and paused downloads, with Pause, Resume and Cancel. */
    public DownloadQueueViewModel downloads() {
        return downloadQueue;
    }

    /** Asks before quitting while downloads run; true when the window may close. */
    public boolean confirmQuit() {
        return downloadQueue.confirmQuit();
    }

    /** Saves the download settings; a non-null token replaces the stored one ("" removes it). */
    public void saveHubSettings(Settings.HubSettings hub, String newToken) {
        updateSettings(s -> s.withHub(hub));
        if (newToken != null) {
            tokenStored = !newToken.isBlank();
            ioExecutor.execute(() -> {
                try {
                    tokens.save(newToken);
                } catch (java.io.IOException e) {
                    Platform.runLater(() -> dialogs.error(texts.getString("error.token"), e));
                }
            });
        }
    }

    /** Whether a token is stored in ModelKeeper's settings (its text is never shown). */
    public boolean hasStoredToken() {
        return tokenStored;
    }

    /** The window is closing: running downloads stop, and the queue on disk keeps them for next time. */
    public void closing() {
        downloadQueue.closing();
    }

    public void cancelScan() {
        if (scan != null) {
            scan.cancel();
        }
    }
}
