package dev.modelkeeper.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountersTest {

    @TempDir
    Path dir;

    @Test
    void downloadsAddUpPerSourceAndTheLastVerifyIsKept() throws Exception {
        var counters = Counters.in(dir);
        counters.recordDownload("huggingface.co", 100);
        counters.recordDownload("hf-mirror.com", 7);
        counters.recordDownload("huggingface.co", 50);
        counters.recordVerify(Instant.ofEpochSecond(1234));

        var again = Counters.in(dir);
        assertEquals(Map.of("huggingface.co", 150L, "hf-mirror.com", 7L), again.downloadedBytes());
        assertEquals(Optional.of(Instant.ofEpochSecond(1234)), again.lastVerify());
    }

    @Test
    void aCorruptFileCountsAsEmpty() throws Exception {
        Files.writeString(dir.resolve("metrics-counters.json"), "{not json");
        assertEquals(Map.of(), Counters.in(dir).downloadedBytes());
        assertEquals(Optional.empty(), Counters.in(dir).lastVerify());
    }

    @Test
    void theReportIsMadeAgainOnlyWhenItIsOlderThanTheInterval() {
        var made = new AtomicInteger();
        var clock = new MutableClock();
        var reports = new ThrottledReport(() -> {
            made.incrementAndGet();
            return null;
        }, Duration.ofSeconds(60), clock);
        reports.get();
        clock.now = clock.now.plusSeconds(59);
        reports.get();
        assertEquals(1, made.get());
        clock.now = clock.now.plusSeconds(1);
        reports.get();
        assertEquals(2, made.get());
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
