package dev.modelkeeper.ui;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The window's composition root: creates every collaborator once and wires them by constructor. */
public final class AppContext implements AutoCloseable {

    private final ExecutorService scanExecutor;
    private final MainViewModel mainViewModel;

    private AppContext(ExecutorService scanExecutor, MainViewModel mainViewModel) {
        this.scanExecutor = scanExecutor;
        this.mainViewModel = mainViewModel;
    }

    public static AppContext create() {
        ExecutorService scans = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("scan-", 0).factory());
        var scanner = new CacheScanner(new BasicFileSystemProbe());
        var locator = new CacheLocator(Environment.system());
        return new AppContext(scans, new MainViewModel(locator, scanner, scans));
    }

    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    @Override
    public void close() {
        scanExecutor.shutdownNow();
    }
}
