package dev.modelkeeper.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the metrics count across runs, in {@code <state dir>/metrics-counters.json}:
 * {@code {"last_verify": <unix seconds>, "downloaded_bytes": {"<host>": <bytes>}}}. A missing or unreadable
 * file counts as empty (a counter that starts again at 0 is what Prometheus expects after a reset). Two
 * processes writing at once: the last one wins, which loses at most the other's addition.
 */
public final class Counters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public Counters(Path file) {
        this.file = file;
    }

    /** The file in the app's state folder. */
    public static Counters in(Path stateDir) {
        return new Counters(stateDir.resolve("metrics-counters.json"));
    }

    public Optional<Instant> lastVerify() {
        var node = read().get("last_verify");
        return node == null || !node.canConvertToLong() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(node.asLong()));
    }

    public Map<String, Long> downloadedBytes() {
        var found = new TreeMap<String, Long>();
        var node = read().get("downloaded_bytes");
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> found.put(e.getKey(), Math.max(0, e.getValue().asLong())));
        }
        return found;
    }

    public synchronized void recordVerify(Instant finished) throws IOException {
        ObjectNode root = read();
        root.put("last_verify", finished.getEpochSecond());
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    public synchronized void recordDownload(String source, long bytes) throws IOException {
        if (bytes <= 0) {
            return;
        }
        ObjectNode root = read();
        ObjectNode sources = root.get("downloaded_bytes") instanceof ObjectNode o ? o : root.putObject("downloaded_bytes");
        sources.put(source, sources.path(source).asLong(0) + bytes);
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    private ObjectNode read() {
        try {
            return Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode o ? o
                    : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
