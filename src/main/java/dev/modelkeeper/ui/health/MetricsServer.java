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
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * View → Serve metrics: while on, {@code /metrics} on {@code 127.0.0.1} (never another address) answers from
 * the window's latest scan of every root, as {@code modelkeeper serve-metrics} does from its own scans. Remembered
 * in the settings; stopped when the window closes.
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
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private HTTPServer server;

    /**
     * @param store   the settings (port, on or off) and where a change goes
     * @param reports the report of the given scans (thresholds, counters, outdated repos, version)
     */
    public MetricsServer(Store store, java.util.function.Function<List<CacheScan>, MetricsReport> reports,
                         Dialogs dialogs, ResourceBundle texts) {
        this.store = store;
        this.dialogs = dialogs;
        this.texts = texts;
        this.reports = () -> reports.apply(List.copyOf(latest.values()));
    }

    /** Keeps the newest scan of its root for the next scrape (scrapes come on the server's threads). */
    void scanned(CacheScan scan) {
        latest.put(scan.root().path(), scan);
    }

    /** Starts serving if the settings say so (the window opens). */
    public void restore() throws IOException {
        if (store.settings().metrics().on()) {
            start();
        }
    }

    /**
     * Turns serving on or off and remembers the choice. When the port is taken it says so and stays off (the
     * choice is not remembered).
     */
    public void setServing(boolean on) {
        if (on == serving.get()) {
            return;
        }
        if (on) {
            try {
                start();
            } catch (IOException | RuntimeException e) {
                dialogs.error(MessageFormat.format(texts.getString("health.metrics.failed"), BIND,
                        String.valueOf(port()), Errors.text(e, texts)), e);
                return;
            }
        } else {
            close();
        }
        store.save(new Settings.MetricsServing(on, port()));
    }

    public int port() {
        return store.settings().metrics().port();
    }

    private void start() throws IOException {
        server = MetricsExport.serve(MetricsExport.registry(reports), BIND, port());
        serving.set(true);
    }

    public ReadOnlyBooleanProperty servingProperty() {
        return serving;
    }

    /** Stops serving without changing the remembered choice (the window closes). */
    @Override
    public void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
        serving.set(false);
    }
}
