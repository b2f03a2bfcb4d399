package dev.modelkeeper.core.metrics;

import dev.modelkeeper.core.fs.AtomicFiles;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The two ways the metrics leave the program: a file for node_exporter, or an HTTP endpoint for Prometheus. */
public final class MetricsExport {

    /** The file name in the textfile collector's folder (node_exporter reads only {@code *.prom}). */
    public static final String TEXTFILE_NAME = "modelkeeper.prom";

    private MetricsExport() {
    }

    /** A registry holding only our families (no JVM metrics: they describe this short run, not the caches). */
    public static PrometheusRegistry registry(Supplier<MetricsReport> reports) {
        var registry = new PrometheusRegistry();
        registry.register(new CacheMetrics(reports));
        return registry;
    }

    /** The registry in the Prometheus text format, written by the client library. */
    public static byte[] text(PrometheusRegistry registry) throws IOException {
        var out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toByteArray();
    }

    /**
     * Writes {@code dir/modelkeeper.prom} atomically (a temp file in {@code dir}, then a rename), so that
     * node_exporter never reads half a file. Returns the file.
     */
    public static Path writeTextfile(PrometheusRegistry registry, Path dir) throws IOException {
        Path file = dir.resolve(TEXTFILE_NAME);
        AtomicFiles.write(file, text(registry));
        return file;
    }

    /** Serves {@code /metrics} on {@code bind:port} (port 0 picks a free one: ask the server which). */
    public static HTTPServer serve(PrometheusRegistry registry, String bind, int port) throws IOException {
        return HTTPServer.builder().registry(registry).hostname(bind).port(port).buildAndStart();
    }
}
