package dev.modelkeeper.ui;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.FileSystemProbes;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.core.hub.HubClients;
import dev.modelkeeper.core.download.DownloadOperation;
import java.time.Clock;
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
    private final SettingsStore settingsStore;
    private final LiveTexts texts;
    private final FxDialogs dialogs;
    private final MainViewModel mainViewModel;
    private final dev.modelkeeper.ui.theme.ThemeModel themes;

    private AppContext(Environment env, Locale forced) {
        scanExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("scan"));
        ioExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("io"));
        downloadExecutor = Executors.newFixedThreadPool(2, UncaughtErrors.threads("download"));
        verifyExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("verify"));
        repairExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("repair"));
        moveExecutor = Executors.newSingleThreadExecutor(UncaughtErrors.threads("move"));
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
        var services = new MainViewModel.Services(locator,
                new CacheScanner(FileSystemProbes.forCurrentOs(), FileLocks::isHeld), settingsStore, scanExecutor,
                ioExecutor, (current, request) -> new DownloadOperation(HubClients.create(http, env, locator.hfHome(),
                        current, hubTokens, null, null, false), request, current.hub().concurrency(),
                        limits.forRate(current.hub().maxBytesPerSecond())), downloadExecutor, tokens,
                new dev.modelkeeper.core.download.DownloadQueueStore(AppPaths.of(env).stateDir().resolve("downloads.json")),
                dev.modelkeeper.core.verify.VerdictStore.open(
                        dev.modelkeeper.core.verify.VerdictStore.defaultFile(AppPaths.of(env))),
                current -> java.util.Optional.of(HubClients.create(http, env, locator.hfHome(), current,
                        hubTokens, null, null, false)), AppPaths.of(env).stateDir(), verifyExecutor, repairExecutor,
                moveExecutor,
                javafx.application.Platform::runLater);
        mainViewModel = new MainViewModel(services, settings, content, dialogs, texts);
        // -Dmodelkeeper.theme (screenshots) wins over the saved choice; the desktop is asked here, off the FX thread
        themes = new dev.modelkeeper.ui.theme.ThemeModel(dev.modelkeeper.ui.theme.Theme.of(
                System.getProperty("modelkeeper.theme", settings.theme())),
                dev.modelkeeper.ui.theme.DesktopScheme.prefersDark(env.variables(), System.getProperty("os.name", "")),
                key -> mainViewModel.settingsViewModel().update(s -> s.withTheme(key)));
    }

    /** Builds the context; call off the FX thread (it reads the settings file). */
    public static AppContext create(Environment env) {
        return new AppContext(env, null);
    }

    /** As {@link #create(Environment)}, with the UI language fixed (tests, screenshots). */
    public static AppContext create(Environment env, Locale locale) {
        return new AppContext(env, locale);
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
