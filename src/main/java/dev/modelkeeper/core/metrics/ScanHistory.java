package dev.modelkeeper.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cache size per root over time, in {@code <state dir>/cache-history.jsonl}: one JSON object a line,
 * {@code {"t": <unix seconds>, "root": "<path>", "bytes": <blobs + partial>}}. Appending is one write per
 * scan; when the file passes {@link #MAX_LINES} the oldest lines are dropped (an hourly timer keeps about
 * three months). Lines that cannot be read are skipped.
 */
public final class ScanHistory {

    /** One measurement. */
    public record Point(Instant time, String root, long bytes) {
    }

    /** How fast a root grows: bytes per week over the points it is computed from. */
    public record Growth(String root, long bytesPerWeek, Instant from, Instant to, int points) {
    }

    static final int MAX_LINES = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final int maxLines;

    public ScanHistory(Path file) {
        this(file, MAX_LINES);
    }

    ScanHistory(Path file, int maxLines) {
        this.file = file;
        this.maxLines = maxLines;
    }

    /** The file in the app's state folder. */
    public static ScanHistory in(Path stateDir) {
        return new ScanHistory(stateDir.resolve("cache-history.jsonl"));
    }

    /** Appends one line per root that could be read. */
    public synchronized void append(List<CacheScan> scans, Instant at) throws IOException {
        var lines = new StringBuilder();
        for (CacheScan scan : scans) {
            if (scan.state() == CacheScan.State.ONLINE) {
                var node = JSON.createObjectNode().put("t", at.getEpochSecond()).put("root", scan.root().path().toString())
                        .put("bytes", RootFigures.cacheBytes(scan));
                lines.append(JSON.writeValueAsString(node)).append('\n');
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        trim();
    }

    public List<Point> read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        var points = new ArrayList<Point>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            parse(line).ifPresent(points::add);
        }
        return points;
    }

    /**
     * Growth per week of each root over the points since {@code since}: the change between the first and the
     * last point, scaled to seven days. Roots with fewer than two points, or points less than an hour apart,
     * have no growth yet.
     */
    public Map<String, Growth> growthPerWeek(Instant since) throws IOException {
        var byRoot = new LinkedHashMap<String, List<Point>>();
        for (Point p : read()) {
            if (!p.time().isBefore(since)) {
                byRoot.computeIfAbsent(p.root(), r -> new ArrayList<>()).add(p);
            }
        }
        var growth = new LinkedHashMap<String, Growth>();
        byRoot.forEach((root, points) -> {
            points.sort(java.util.Comparator.comparing(Point::time));
            Point first = points.getFirst();
            Point last = points.getLast();
            long seconds = Duration.between(first.time(), last.time()).toSeconds();
            if (points.size() >= 2 && seconds >= 3600) {
                double perWeek = (double) (last.bytes() - first.bytes()) * Duration.ofDays(7).toSeconds() / seconds;
                growth.put(root, new Growth(root, Math.round(perWeek), first.time(), last.time(), points.size()));
            }
        });
        return growth;
    }

    private void trim() throws IOException {
        if (Files.size(file) < maxLines * 40L) {
            return; // a line is longer than 40 bytes: too few lines to need trimming, without reading the file
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() > maxLines) {
            var kept = lines.subList(lines.size() - maxLines, lines.size());
            AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
        }
    }

    private static Optional<Point> parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n != null && n.path("t").canConvertToLong() && n.path("root").isTextual() && n.path("bytes").canConvertToLong()) {
                return Optional.of(new Point(Instant.ofEpochSecond(n.get("t").asLong()), n.get("root").asText(),
                        n.get("bytes").asLong()));
            }
        } catch (IOException e) {
            // a torn or foreign line: skipped
        }
        return Optional.empty();
    }
}
