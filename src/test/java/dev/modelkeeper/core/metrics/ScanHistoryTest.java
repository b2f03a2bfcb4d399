package dev.modelkeeper.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanHistoryTest {

    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static CacheScan scan(String root, long bytes, CacheScan.State state) {
        return new CacheScan(CacheRoot.user(Path.of(root)), CacheKind.HF_HUB, state, Optional.empty(), List.of(),
                List.of(), List.of(), bytes, bytes, T0);
    }

    @Test
    void growthPerWeekIsTheChangeScaledToSevenDaysPerRoot() throws Exception {
        var history = ScanHistory.in(dir);
        history.append(List.of(scan("/a", 1_000, CacheScan.State.ONLINE), scan("/b", 500, CacheScan.State.ONLINE)), T0);
        history.append(List.of(scan("/a", 2_000, CacheScan.State.ONLINE)), T0.plus(Duration.ofDays(1)));
        history.append(List.of(scan("/a", 4_000, CacheScan.State.ONLINE), scan("/b", 400, CacheScan.State.ONLINE)),
                T0.plus(Duration.ofDays(14)));

        var growth = history.growthPerWeek(T0.minusSeconds(1));

        assertEquals(1_500, growth.get("/a").bytesPerWeek());
        assertEquals(3, growth.get("/a").points());
        assertEquals(-50, growth.get("/b").bytesPerWeek());
        assertTrue(history.growthPerWeek(T0.plus(Duration.ofDays(2))).isEmpty(), "one point is no growth yet");
    }

    @Test
    void offlineRootsAreNotRecordedAndTornLinesAreSkipped() throws Exception {
        var history = ScanHistory.in(dir);
        history.append(List.of(scan("/a", 10, CacheScan.State.ONLINE), scan("/gone", 0, CacheScan.State.OFFLINE)), T0);
        Files.writeString(dir.resolve("cache-history.jsonl"), "{\"t\": 12, \"ro", java.nio.file.StandardOpenOption.APPEND);

        var points = history.read();

        assertEquals(List.of(new ScanHistory.Point(T0, Path.of("/a").toAbsolutePath().toString(), 10)), points);
    }

    @Test
    void theFileKeepsOnlyTheNewestLines() throws Exception {
        var history = new ScanHistory(dir.resolve("h.jsonl"), 3);
        for (int i = 0; i < 10; i++) {
            history.append(List.of(scan("/a", i, CacheScan.State.ONLINE)), T0.plusSeconds(i));
        }
        var points = history.read();
        assertTrue(points.size() <= 10 && points.getLast().bytes() == 9);
        var big = new ScanHistory(dir.resolve("big.jsonl"), 3);
        String line = "{\"t\":1,\"root\":\"/" + "x".repeat(200) + "\",\"bytes\":1}\n";
        Files.writeString(dir.resolve("big.jsonl"), line.repeat(10));
        big.append(List.of(scan("/a", 7, CacheScan.State.ONLINE)), T0);
        assertEquals(3, Files.readAllLines(dir.resolve("big.jsonl")).size());
        assertEquals(7, big.read().getLast().bytes());
    }
}
