package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.metrics.MetricsExport;
import dev.modelkeeper.core.metrics.MetricsReport;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.Errors;
import java.io.IOException;
import java.text.MessageFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * View → Serve metrics: while on, {@code /metrics} on {@code 127.0.0.1} (never another address) answers from
 * the window's latest scan of every root, as {@code modelkeeper serve-metrics} does from its own scans. Remembered
 * in the settings; stopped when the window closes. Binding and closing the socket happen on the I/O executor, never
 * on the FX thread; the menu follows {@link #busyProperty()} meanwhile.
 */
public final class MetricsServer implements AutoCloseable {

    /** Loopback only: the figures name the user's folders and models. */
    public static final String BIND = "127.0.0.1";

    /** What the server reads and where the choice is kept. */
    public interface Store {
        Settings settings();

        void save(Settings.MetricsServing serving);
    }

    private final Store store;
    private final Supplier<MetricsReport> reports;
    private final Map<Path, CacheScan> latest = new ConcurrentHashMap<>();
    private final BooleanProperty serving = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Executor io;
    private final Executor fx;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private HTTPServer server; // guarded by this: bound and stopped on the I/O executor
    private volatile boolean closed;

    /**
     * @param store   the settings (port, on or off) and where a change goes
     * @param reports the report of the given scans (thresholds, counters, outdated repos, version)
     * @param io      where the socket is bound and closed
     * @param fx      the FX thread
     */
    public MetricsServer(Store store, java.util.function.Function<List<CacheScan>, MetricsReport> reports,
                         Executor io, Executor fx, Dialogs dialogs, ResourceBundle texts) {
        this.store = store;
        this.io = io;
        this.fx = fx;
        this.dialogs = dialogs;
        this.texts = texts;
        this.reports = () -> reports.apply(List.copyOf(latest.values()));
    }

    /** Keeps the newest scan of its root for the next scrape (scrapes come on the server's threads). */
    void scanned(CacheScan scan) {
        latest.put(scan.root().path(), scan);
    }

    /** Starts serving if the settings say so (the window opens; call off the FX thread, before the window shows). */
    public void restore() throws IOException {
        if (store.settings().metrics().on()) {
            bind();
            serving.set(true);
        }
    }

    /**
     * Turns serving on or off in the background and remembers the choice (FX thread). When the port is taken it
     * says so and stays off (the choice is not remembered). Ignored while a change is under way.
     */
    public void setServing(boolean on) {
        if (on == serving.get() || busy.get()) {
            return;
        }
        busy.set(true);
        int port = port();
        try {
            io.execute(() -> {
                Throwable error = null;
                try {
                    if (on) {
                        bind();
                    } else {
                        unbind();
                    }
                } catch (IOException | RuntimeException e) {
                    error = e;
                }
                Throwable failed = error;
                fx.execute(() -> changed(on, port, failed));
            });
        } catch (RejectedExecutionException e) { // the window is closing
            busy.set(false);
        }
    }

    private void changed(boolean on, int port, Throwable error) {
        busy.set(false);
        if (closed) {
            return;
        }
        if (error != null) {
            dialogs.error(MessageFormat.format(texts.getString("health.metrics.failed"), BIND,
                    String.valueOf(port), Errors.text(error, texts)), error);
            return;
        }
        serving.set(on);
        store.save(new Settings.MetricsServing(on, port));
    }

    public int port() {
        return store.settings().metrics().port();
    }

    private synchronized void bind() throws IOException {
        if (server == null) {
            server = MetricsExport.serve(MetricsExport.registry(reports), BIND, port());
        }
    }

    private synchronized void unbind() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** True while the socket is being bound or closed in the background. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty servingProperty() {
        return serving;
    }

    /**
     * Stops serving without changing the remembered choice (the window closes): the socket is closed on the I/O
     * executor, which the window lets finish before the process ends.
     */
    @Override
    public void close() {
        closed = true;
        serving.set(false);
        try {
            io.execute(this::unbind);
        } catch (RejectedExecutionException e) { // the executor is gone already: nothing else can block on it
            unbind();
        }
    }
}
