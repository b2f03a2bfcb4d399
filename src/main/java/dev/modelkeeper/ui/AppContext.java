package dev.modelkeeper.ui;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanIndex;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.FileSystemProbes;
import dev.modelkeeper.core.fs.OpenFiles;
import dev.modelkeeper.ui.cleanup.CleanupServices;
import dev.modelkeeper.ui.cleanup.FxCleanupPrompts;
import dev.modelkeeper.ui.cleanup.TrashDisposal;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.core.hub.HubClients;
import dev.modelkeeper.core.download.DownloadOperation;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The window's composition root: reads settings once, picks the language, creates the executors (one
 * for scans, one for small disk work) and wires every view model by constructor.
 */
public final class AppContext implements AutoCloseable {

    private final ExecutorService scanExecutor;
    private final ExecutorService ioExecutor;
    private final ExecutorService downloadExecutor;
    private final ExecutorService verifyExecutor;
    private final ExecutorService repairExecutor;
    private final ExecutorService moveExecutor;
    private final ExecutorService checkExecutor;
    private final ExecutorService cleanupExecutor;
    /** The one way to the FX thread every view model is given. */
    private final java.util.concurrent.Executor fx = javafx.application.Platform::runLater;
    private final SettingsStore settingsStore;
    private final LiveTexts texts;
    private final FxDialogs dialogs;
    private final MainViewModel mainViewModel;
    private final dev.modelkeeper.ui.theme.ThemeModel themes;
    private final dev.modelkeeper.ui.settings.ProfilesViewModel profiles;
    private final java.util.function.Function<Settings, dev.modelkeeper.core.health.Machine> machines;

    private AppContext(Environment env, Locale forced,
                       java.util.function.Function<Settings, dev.modelkeeper.core.health.Machine> machines) {
        this.machines = machines;
        scanExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("scan"));
        ioExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("io"));
        downloadExecutor = Executors.newFixedThreadPool(2, UncaughtErrors.threads("download"));
        verifyExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("verify"));
        repairExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("repair"));
        moveExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("move"));
        checkExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("check"));
        cleanupExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("cleanup"));
        settingsStore = new SettingsStore(AppPaths.of(env).settingsFile());
        var earlierState = AppPaths.of(env).adoptEarlierState(); // journals of earlier versions must be found
        earlierState.forEach(System.err::println);
        Settings settings = settingsStore.load();
        texts = new LiveTexts(forced != null ? forced : chooseLocale(settings));
        dialogs = new FxDialogs(texts);
        var content = new CacheContentViewModel(new DesktopPathActions(ioExecutor, dialogs, texts), texts,
                Clock.systemUTC());
        var locator = new CacheLocator(env);
        var tokens = new TokenStore(AppPaths.of(env).tokenFile());
        var http = new OkHttpClient();
        var hubTokens = HubClients.Tokens.in(AppPaths.of(env)); // the Hub token and each endpoint profile's own
        var limits = new SharedLimits();
        // every client of the window, for the settings of the moment: the same precedence and tokens everywhere
        java.util.function.Function<Settings, dev.modelkeeper.core.hub.HubClient> clientFor = current ->
                HubClients.create(http, env, locator.hfHome(), current, hubTokens, null, null, false);
        var verdicts = dev.modelkeeper.core.verify.VerdictStore.open(
                dev.modelkeeper.core.verify.VerdictStore.defaultFile(AppPaths.of(env)));
        var services = new MainViewModel.Services(locator,
                new CacheScanner(FileSystemProbes.forCurrentOs(), FileLocks::isHeld)
                        .withIndex(ScanIndex.in(AppPaths.of(env).cacheDir())), settingsStore, scanExecutor,
                ioExecutor, (current, request) -> teamPull(current, request)
                        .orElseGet(() -> new DownloadOperation(clientFor.apply(current), request,
                        current.hub().concurrency(),
                        limits.forRate(current.hub().maxBytesPerSecond()))), downloadExecutor, tokens,
                new dev.modelkeeper.core.download.DownloadQueueStore(AppPaths.of(env).stateDir().resolve("downloads.json")),
                verdicts,
                current -> java.util.Optional.of(clientFor.apply(current)), AppPaths.of(env).stateDir(),
                verifyExecutor, repairExecutor, moveExecutor, cleanup(env), fx);
        mainViewModel = new MainViewModel(services, settings, content, dialogs, texts);
        // outdated, update and manifests follow the active endpoint profile too (they ignored it)
        java.util.function.Supplier<dev.modelkeeper.core.hub.HubClient> hub = () -> clientFor.apply(
                mainViewModel.settings());
        installFeatures(env, hub, verdicts, http, locator);
        profiles = new dev.modelkeeper.ui.settings.ProfilesViewModel(mainViewModel.settingsViewModel(),
                new dev.modelkeeper.ui.settings.ProfilesViewModel.Services(
                        name -> new TokenStore(AppPaths.of(env).profileTokenFile(name)),
                        (current, name) -> HubClients.create(http, env, locator.hfHome(), current, hubTokens, null,
                                name, false), ioExecutor, checkExecutor, fx),
                dialogs, texts);
        // -Dmodelkeeper.theme (screenshots) wins over the saved choice; the desktop is asked here, off the FX thread
        themes = new dev.modelkeeper.ui.theme.ThemeModel(dev.modelkeeper.ui.theme.Theme.of(
                System.getProperty("modelkeeper.theme", settings.theme())),
                dev.modelkeeper.ui.theme.DesktopScheme.prefersDark(env.variables(), System.getProperty("os.name", "")),
                key -> mainViewModel.settingsViewModel().update(s -> s.withTheme(key)));
    }

    /**
     * A download the team store serves when it holds the revision: from the store alone, so the preview's "0 B
     * from the internet" holds; a manifest whose blob the store lacks is refused before anything is written.
     */
    private java.util.Optional<dev.modelkeeper.core.task.Operation<dev.modelkeeper.core.download.DownloadPlan>> teamPull(
            Settings current, dev.modelkeeper.core.download.DownloadRequest request) {
        var team = mainViewModel == null ? null : mainViewModel.team();
        return team == null ? java.util.Optional.empty()
                : team.pull(request, java.util.Optional.empty(), current.hub().concurrency());
    }

    /** The features of issues #15 and #16: outdated, size history, thresholds, team store, manifests. */
    private void installFeatures(Environment env, java.util.function.Supplier<dev.modelkeeper.core.hub.HubClient> hub,
                                 dev.modelkeeper.core.verify.VerdictStore verdicts, OkHttpClient http,
                                 CacheLocator locator) {
        boolean offline = dev.modelkeeper.core.update.UpdateChecker.offlineMode(env);
        var checkFile = dev.modelkeeper.core.update.CheckCache.defaultFile(AppPaths.of(env).cacheDir());
        java.util.function.Function<java.time.Duration, dev.modelkeeper.core.update.UpdateChecker> checker = age ->
                new dev.modelkeeper.core.update.UpdateChecker(hub.get(), offline,
                        new dev.modelkeeper.core.update.CheckCache(checkFile, age, Clock.systemUTC()),
                        new dev.modelkeeper.core.update.RateLimit(4));
        var scanner = new CacheScanner(FileSystemProbes.forCurrentOs(), FileLocks::isHeld);
        var model = mainViewModel;
        var outdated = new dev.modelkeeper.ui.health.OutdatedViewModel(new dev.modelkeeper.ui.health.OutdatedViewModel.Jobs(
                root -> new dev.modelkeeper.core.update.OutdatedOperation(root, scanner,
                        checker.apply(java.time.Duration.ofMinutes(60))),
                (root, repo) -> new dev.modelkeeper.core.update.UpdateOperation(root, java.util.List.of(
                        new dev.modelkeeper.core.update.UpdateOperation.Target(repo.type(), repo.repoId())),
                        checker.apply(java.time.Duration.ZERO), verdicts, model.settings().hub().concurrency(), false),
                checkExecutor, downloadExecutor), model.rootsViewModel()::caches, model.tasks(), dialogs, texts,
                model::refresh, offline);
        var history = new dev.modelkeeper.ui.health.HistoryViewModel(
                dev.modelkeeper.core.metrics.ScanHistory.in(AppPaths.of(env).stateDir()), ioExecutor,
                fx, Clock.systemUTC(), texts);
        var thresholds = new dev.modelkeeper.ui.health.ThresholdAlerts(() -> model.settings().thresholds(),
                model::roots, dialogs, texts);
        model.install(new dev.modelkeeper.ui.health.HealthFeature(outdated, history, thresholds,
                new dev.modelkeeper.ui.health.DoctorViewModel(() -> new dev.modelkeeper.core.health.Doctor(env,
                        machines.apply(model.settings())).run(), checkExecutor, fx,
                        env.home()),
                metricsServer(env)));
        var team = new dev.modelkeeper.ui.team.TeamViewModel(new dev.modelkeeper.ui.team.TeamViewModel.Services(
                dev.modelkeeper.core.team.SavedStore.Storage.in(AppPaths.of(env).configDir()), env, http, ioExecutor,
                checkExecutor, downloadExecutor, fx), model.tasks(), dialogs, texts);
        model.install(team, new dev.modelkeeper.ui.team.ManifestJobs(team, locator, hub, verdicts, model.tasks(),
                dialogs, model::refresh));
    }

    /** View → Serve metrics: the window's latest scans with this machine's counters, on the loopback address. */
    private dev.modelkeeper.ui.health.MetricsServer metricsServer(Environment env) {
        var model = mainViewModel;
        var counters = dev.modelkeeper.core.metrics.Counters.in(AppPaths.of(env).stateDir());
        String version = java.util.Objects.requireNonNullElse(AppContext.class.getPackage().getImplementationVersion(),
                "dev");
        var server = new dev.modelkeeper.ui.health.MetricsServer(new dev.modelkeeper.ui.health.MetricsServer.Store() {
            @Override
            public Settings settings() {
                return model.settings();
            }

            @Override
            public void save(Settings.MetricsServing serving) {
                model.settingsViewModel().update(s -> s.withMetrics(serving));
            }
        }, scans -> new dev.modelkeeper.core.metrics.MetricsReport(scans, model.settings().thresholds(),
                counters.lastVerify(), counters.downloadedBytes(), 0, version, java.time.Instant.now()), ioExecutor, fx,
                dialogs, texts);
        try { // on the launcher thread, before the window shows: the FX thread never binds the socket
            server.restore();
        } catch (java.io.IOException e) { // the port is taken: the menu shows it off, the choice stays
            System.err.println("Serving metrics on " + dev.modelkeeper.ui.health.MetricsServer.BIND + ":"
                    + server.port() + " failed: " + e.getMessage());
        }
        return server;
    }

    /** Delete and Clean up: their thread, the trash, who holds or has files open, and their dialogs. */
    private CleanupServices cleanup(Environment env) {
        return new CleanupServices(cleanupExecutor, () -> TrashDisposal.forCurrentUser(env), FileLocks::isHeld,
                () -> { // one look at the running programs per plan
                    var open = OpenFiles.snapshot();
                    return path -> open.holders(path).stream().findFirst().map(Object::toString);
                }, OpenFiles::snapshot,
                Clock.systemUTC(), Duration.ofDays(90), new FxCleanupPrompts(texts));
    }

    /** Builds the context; call off the FX thread (it reads the settings file). */
    public static AppContext create(Environment env) {
        return new AppContext(env, null, AppContext::systemMachine);
    }

    /** As {@link #create(Environment)}, with the UI language fixed (tests, screenshots). */
    public static AppContext create(Environment env, Locale locale) {
        return new AppContext(env, locale, AppContext::systemMachine);
    }

    /** As {@link #create(Environment, Locale)}, with the machine the doctor reads made by the test. */
    public static AppContext create(Environment env, Locale locale,
                                    java.util.function.Function<Settings, dev.modelkeeper.core.health.Machine> machines) {
        return new AppContext(env, locale, machines);
    }

    /** This machine as the doctor reads it, with the window's thresholds and added folders. */
    private static dev.modelkeeper.core.health.Machine systemMachine(Settings settings) {
        return dev.modelkeeper.core.health.Machine.system(settings.thresholds(), settings.userRoots());
    }

    /** One cap shared by all downloads while the setting stays the same. */
    private static final class SharedLimits {
        private long rate = -1;
        private dev.modelkeeper.core.download.BandwidthLimit limit;

        synchronized dev.modelkeeper.core.download.BandwidthLimit forRate(long bytesPerSecond) {
            if (bytesPerSecond != rate) {
                rate = bytesPerSecond;
                limit = dev.modelkeeper.core.download.BandwidthLimit.of(bytesPerSecond);
            }
            return limit;
        }
    }

    /** {@code -Dmodelkeeper.lang}, then the saved choice, then the system language. */
    private static Locale chooseLocale(Settings settings) {
        String tag = System.getProperty("modelkeeper.lang", settings.language());
        return tag == null || tag.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(tag);
    }

    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    /** Settings → Endpoint profiles. */
    public dev.modelkeeper.ui.settings.ProfilesViewModel profiles() {
        return profiles;
    }

    /** View → Theme: the user's choice and the desktop's preference. */
    public dev.modelkeeper.ui.theme.ThemeModel themes() {
        return themes;
    }

    /** The window's texts, in the language picked in View; switching it re-renders the window. */
    public LiveTexts texts() {
        return texts;
    }

    /**
     * Switches the window's language (on the FX thread): the texts answer in it from now on and the features
     * render again what they had rendered; the caller then builds the view anew.
     */
    public void switchLanguage(Locale newLocale) {
        texts.switchTo(newLocale);
        mainViewModel.relocalize();
    }

    public Locale locale() {
        return texts.localeProperty().get();
    }

    public FxDialogs dialogs() {
        return dialogs;
    }

    @Override
    public void close() {
        mainViewModel.closing();
        scanExecutor.shutdownNow();
        verifyExecutor.shutdownNow(); // a verify or repair stopped here is safe: each finishes or rolls back
        repairExecutor.shutdown();
        checkExecutor.shutdownNow();
        cleanupExecutor.shutdown(); // a removal that started finishes; the plan's order keeps the cache valid
        moveExecutor.shutdown(); // a move that is running finishes its step; its journal covers the rest
        downloadExecutor.shutdown();
        ioExecutor.shutdown();
        try {
            // stopped downloads record what they fetched (their journals) before the process ends
            if (!downloadExecutor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                downloadExecutor.shutdownNow();
            }
            // let a pending settings save finish: losing the window position is minor, a torn file is not
            ioExecutor.awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
