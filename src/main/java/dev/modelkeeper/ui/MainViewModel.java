package dev.modelkeeper.ui;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.ops.ScanOperation;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** State of the main window, without any scene graph. */
public final class MainViewModel {

    private final CacheLocator locator;
    private final CacheScanner scanner;
    private final Executor executor;
    private final ObservableList<Repo> repos = FXCollections.observableArrayList();

    public MainViewModel(CacheLocator locator, CacheScanner scanner, Executor executor) {
        this.locator = locator;
        this.scanner = scanner;
        this.executor = executor;
    }

    public ObservableList<Repo> repos() {
        return repos;
    }

    /** Rescans every root in the background; rows arrive as they are found. */
    public void refresh() {
        repos.clear();
        var op = new ScanOperation(scanner, locator.discover(List.of()), new ScanListener() {
            @Override
            public void repo(dev.modelkeeper.core.cache.CacheRoot root, Repo repo) {
                Platform.runLater(() -> repos.add(repo));
            }
        });
        executor.execute(new FxOperationTask<>(op));
    }
}
