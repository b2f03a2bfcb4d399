package dev.modelkeeper.ui;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadQueueStore;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.ui.cleanup.CleanupJobs;
import dev.modelkeeper.ui.cleanup.CleanupServices;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import dev.modelkeeper.ui.content.ContentRow;
import dev.modelkeeper.ui.content.RowAction;
import dev.modelkeeper.ui.download.DownloadQueueViewModel;
import dev.modelkeeper.ui.download.DownloadViewModel;
import dev.modelkeeper.ui.migrate.MoveJobs;
import dev.modelkeeper.ui.roots.RootItemViewModel;
import dev.modelkeeper.ui.roots.RootsViewModel;
import dev.modelkeeper.ui.settings.SettingsViewModel;
import dev.modelkeeper.ui.verify.VerifyJobs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The main window's features put together, without any scene graph: settings, roots and their scan, the
 * content, downloads, verify and repair, moves, cleanup. Each is its own view model; this class wires them to one
 * another (a finished download or repair rescans, a scan recalls verdicts) and keeps the commands of the
 * menus and the toolbar that span features.
 */
public final class MainViewModel {

    /**
     * The collaborators a main window needs. {@code fx} is the one way to the FX thread ({@code Platform::runLater}
     * in the window, the calling thread in a test without a toolkit). Each kind of background work has its own
     * executor, made in the composition root: a verify never waits behind a Refresh (or the reverse), a repair or a
     * move never takes a download's slot.
     */
    public record Services(CacheLocator locator, CacheScanner scanner, SettingsStore settingsStore,
                           Executor scanExecutor, Executor ioExecutor,
                           BiFunction<Settings, DownloadRequest, Operation<DownloadPlan>> downloads,
                           Executor downloadExecutor, TokenStore tokens, DownloadQueueStore queue, VerdictStore verdicts,
                           Function<Settings, Optional<HubClient>> hub,
                           Path stateDir, Executor verifyExecutor, Executor repairExecutor, Executor moveExecutor,
                           CleanupServices cleanup, Executor fx) {
    }

    private final ObservableList<Task<?>> tasks = FXCollections.observableArrayList();
    private final SettingsViewModel settings;
    private final RootsViewModel roots;
    private final CacheContentViewModel content;
    private final DownloadQueueViewModel downloadQueue;
    private final VerifyJobs verifyJobs;
    private final MoveJobs moves;
    private final CleanupJobs cleanup;
    private final BiFunction<Settings, DownloadRequest, Operation<DownloadPlan>> downloads;
    private final Function<Settings, Optional<HubClient>> hub;
    private final Executor ioExecutor;
    private final Executor fx;
    private final ResourceBundle texts;
    private final java.util.List<RootsViewModel.Listener> scanListeners = new java.util.ArrayList<>();
    private dev.modelkeeper.ui.health.HealthFeature health;
    private dev.modelkeeper.ui.team.TeamViewModel team;
    private dev.modelkeeper.ui.team.ManifestJobs manifests;

    public MainViewModel(Services services, Settings settings, CacheContentViewModel content, Dialogs dialogs,
                         ResourceBundle texts) {
        this.content = content;
        this.texts = texts;
        this.ioExecutor = services.ioExecutor();
        this.downloads = services.downloads();
        this.hub = services.hub();
        this.fx = services.fx();
        this.settings = new SettingsViewModel(settings, services.settingsStore(), services.tokens(), ioExecutor,
                fx, dialogs, texts);
        this.roots = new RootsViewModel(new RootsViewModel.Scanning(services.locator(), services.scanner(),
                services.scanExecutor(), ioExecutor, fx), this.settings, content, tasks, dialogs, texts, new Rescans());
        this.downloadQueue = new DownloadQueueViewModel(r -> downloads.apply(this.settings.settings(), r),
                new DownloadQueueViewModel.Executors(services.downloadExecutor(), ioExecutor, fx),
                services.queue(), tasks, dialogs, texts, roots::refresh);
        downloadQueue.restore(); // unfinished downloads of the last run come back paused
        dev.modelkeeper.ui.download.DownloadingRows.follow(downloadQueue, content); // the tree's "downloading" bars
        this.verifyJobs = new VerifyJobs(content.verify(), services.verdicts(),
                () -> services.hub().apply(this.settings.settings()), services.verifyExecutor(),
                services.repairExecutor(), fx, tasks, dialogs, texts, roots::refresh);
        // a cache a download of this app writes into (or below, or above) is not moved
        this.moves = new MoveJobs(services.stateDir(), ioExecutor, services.moveExecutor(), fx, tasks, dialogs, texts,
                downloadQueue::writesInto, roots::refresh);
        this.cleanup = new CleanupJobs(services.cleanup(), this::scans, fx, tasks, dialogs, texts, roots::refresh);
        // the features' entries in a row's context menu; like the toolbar's, Repair verifies first when needed
        content.addRowAction(RowAction.of("content.action.verify", row -> true, this::verify));
        content.addRowAction(RowAction.of("content.action.repair", row -> content.verify().mayNeedRepair(row.repo()),
                row -> repair(row.repo())));
        content.addRowAction(RowAction.of("content.action.delete", "Delete", cleanup::canDelete, cleanup::delete));
        content.addProblemAction(RowAction.of("content.action.repair", row -> true, row -> repair(row.repo())));
    }

    /** What the other features do when the roots are found and scanned again. */
    private final class Rescans implements RootsViewModel.Listener {
        @Override
        public void refreshing(boolean first) {
            moves.loadTargets();
            if (first) {
                moves.offerPending(); // moves a crash interrupted, offered once per run
            }
            scanListeners.forEach(l -> l.refreshing(first));
        }

        @Override
        public void scanned(CacheScan scan) {
            verifyJobs.recall(scan); // the verdicts the memo remembers, shown without reading the files again
            scanListeners.forEach(l -> l.scanned(scan));
        }
    }

    /** Outdated repos, size history and thresholds (issue #16): hears every scan, adds a column, filter and action. */
    public void install(dev.modelkeeper.ui.health.HealthFeature feature) {
        this.health = feature;
        scanListeners.add(feature);
        feature.outdated().register(content);
        feature.history().load();
    }

    /** The team store and project manifests (issue #15): a row action and File → Open manifest. */
    public void install(dev.modelkeeper.ui.team.TeamViewModel teamStore, dev.modelkeeper.ui.team.ManifestJobs jobs) {
        this.team = teamStore;
        this.manifests = jobs;
        teamStore.register(content);
        scanListeners.add(new RootsViewModel.Listener() { // after each scan, what the store holds (the badges)
            @Override
            public void refreshing(boolean first) {
                teamStore.refreshing();
            }

            @Override
            public void scanned(CacheScan scan) {
                teamStore.scanned();
            }
        });
    }

    /** The health feature, or null in a window built without it. */
    public dev.modelkeeper.ui.health.HealthFeature health() {
        return health;
    }

    /** The team store, or null in a window built without it. */
    public dev.modelkeeper.ui.team.TeamViewModel team() {
        return team;
    }

    /** File → Open manifest, or null in a window built without it. */
    public dev.modelkeeper.ui.team.ManifestJobs manifests() {
        return manifests;
    }

    /** The last scan of every root in the sidebar that has one. */
    private java.util.List<CacheScan> scans() {
        return roots.items().stream().filter(i -> !i.isAll()).map(i -> i.scanProperty().get())
                .filter(java.util.Objects::nonNull).toList();
    }

    /** Delete and Clean up. */
    public CleanupJobs cleanup() {
        return cleanup;
    }

    /** The sidebar: roots, scan, status line. */
    public RootsViewModel rootsViewModel() {
        return roots;
    }

    /** The settings and the Hub token. */
    public SettingsViewModel settingsViewModel() {
        return settings;
    }

    public CacheContentViewModel content() {
        return content;
    }

    /** Moving caches to another disk (drop targets, plans, jobs). */
    public MoveJobs moves() {
        return moves;
    }

    /** Running and paused downloads, with Pause, Resume and Cancel. */
    public DownloadQueueViewModel downloads() {
        return downloadQueue;
    }

    /** Every running job: scans, downloads, verifications, repairs, moves. */
    public ObservableList<Task<?>> tasks() {
        return tasks;
    }

    public ResourceBundle texts() {
        return texts;
    }

    public ObservableList<RootItemViewModel> roots() {
        return roots.items();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return roots.scanningProperty();
    }

    public Settings settings() {
        return settings.settings();
    }

    /** Finds the roots again and rescans all of them. */
    public void refresh() {
        roots.refresh();
    }

    /** Verifies every cache in the sidebar. */
    public void verifyAll() {
        verifyJobs.verifyAll(roots.caches());
    }

    /** Verifies the repo, revision or file of a row. */
    public void verify(ContentRow row) {
        roots.rootOf(row.repo()).ifPresent(root -> verifyJobs.verify(root, row, null));
    }

    /** Opens the repair plan of a repo (verifying it first if needed) and runs it when confirmed. */
    public void repair(Repo repo) {
        roots.rootOf(repo).ifPresent(root -> verifyJobs.repair(root, repo));
    }

    /** A form for "Download model…", targeting the hub caches in the sidebar (the main one first). */
    public DownloadViewModel newDownload() {
        return new DownloadViewModel(roots.downloadTargets(), r -> downloads.apply(settings(), r), ioExecutor, fx,
                texts).withSource(this::sourceOf);
    }

    /** Who serves a download: the team store when it holds the revision, else the endpoint HubClients picks. */
    private String sourceOf(DownloadRequest request) {
        if (team != null && team.store().isConfigured()
                && team.holdings().holds(request.type(), request.repoId(), request.revision())) {
            return texts.getString("download.source.store");
        }
        String endpoint = hub.apply(settings()).map(c -> c.endpoint().url().toString().replaceAll("/$", ""))
                .orElse(dev.modelkeeper.core.hub.HubEndpoint.DEFAULT);
        return java.text.MessageFormat.format(texts.getString("download.source.endpoint"), endpoint);
    }

    /** Runs a download in the background; it shows in the downloads panel and the tree updates when it lands. */
    public void startDownload(DownloadRequest request) {
        downloadQueue.start(request);
    }

    /**
     * The language was switched (the texts already answer in it): what the features had rendered, in the old
     * language, is rendered again: job titles and lines, the status line, the counts, paused downloads.
     */
    public void relocalize() {
        tasks.forEach(t -> {
            if (t instanceof FxOperationTask<?> f) {
                f.relocalize();
            }
        });
        roots.relocalize();
        content.relocalize();
        downloadQueue.relocalize();
        if (health != null) {
            health.history().relocalize();
        }
    }

    /** Asks before quitting while downloads run; true when the window may close. */
    public boolean confirmQuit() {
        return downloadQueue.confirmQuit();
    }

    /** The window is closing: running downloads stop, and the queue on disk keeps them for next time. */
    public void closing() {
        downloadQueue.closing();
        if (health != null) {
            health.close(); // /metrics stops with the window
        }
    }
}
