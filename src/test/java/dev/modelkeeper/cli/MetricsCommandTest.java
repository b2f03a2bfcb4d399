package dev.modelkeeper.cli;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.Prometheus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var env = new Environment(Map.of("HF_HUB_CACHE", cache().toString()), home, Environment.Os.LINUX);
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path cache() {
        return home.resolve("hub");
    }

    private void twoModels() {
        var cache = new CacheFixture(cache());
        cache.model("org/a").file(commit(1), "config.json", "{}").ref("main", commit(1));
        cache.model("org/b").file(commit(2), "config.json", "{}").ref("main", commit(2));
    }

    @Test
    void metricsPrintsTheExpositionAndAddsTheScanToTheHistory() throws Exception {
        twoModels();

        var r = run("metrics");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("modelkeeper_cache_repos{root=\"" + cache() + "\"} 2.0"), r.out());
        Path history = home.resolve(".local/state/modelkeeper/cache-history.jsonl");
        assertTrue(Files.readString(history).contains("\"root\":\"" + cache() + "\""));
        assertEquals(0, Prometheus.checkMetrics(r.out().getBytes(StandardCharsets.UTF_8)).code());
    }

    @Test
    void textfileIsWrittenForNodeExporterAndPassesPromtool() throws Exception {
        twoModels();
        Path dir = Files.createDirectories(home.resolve("textfile"));

        var r = run("metrics", "--textfile", dir.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        byte[] text = Files.readAllBytes(dir.resolve("modelkeeper.prom"));
        var lint = Prometheus.checkMetrics(text);
        assertEquals(0, lint.code(), lint.output());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void theLimitsFromTheSettingsFlagTheRoot() throws Exception {
        twoModels();
        Files.createDirectories(home.resolve(".config/modelkeeper"));
        Files.writeString(home.resolve(".config/modelkeeper/settings.json"), "{\"thresholds\": {\"diskPercent\": 0, "
                + "\"cacheBytes\": 0, \"roots\": [{\"path\": \"" + cache() + "\", \"cacheBytes\": 1}]}}");

        var r = run("metrics");

        assertTrue(r.out().contains("modelkeeper_threshold_exceeded{kind=\"cache_size\",root=\"" + cache() + "\"} 1.0"),
                r.out());
    }

    @Test
    void theTimerIsWrittenUnderTheUsersConfigAndRemovedAgain() throws Exception {
        var r = run("metrics", "--install-timer", "--textfile", home.resolve("tf").toString(), "--every", "30");

        assertEquals(0, r.code(), r.err());
        Path service = home.resolve(".config/systemd/user/modelkeeper-metrics.service");
        assertTrue(Files.readString(service).contains("metrics --textfile " + home.resolve("tf")));
        assertTrue(Files.readString(home.resolve(".config/systemd/user/modelkeeper-metrics.timer"))
                .contains("OnUnitActiveSec=1800s"));
        assertTrue(r.out().contains("systemctl --user enable --now modelkeeper-metrics.timer"), r.out());

        var removed = run("metrics", "--remove-timer");
        assertEquals(0, removed.code());
        assertFalse(Files.exists(service));
        assertTrue(removed.out().contains("systemctl --user disable --now modelkeeper-metrics.timer"), removed.out());
        assertTrue(run("metrics", "--remove-timer").out().contains("There is no metrics timer"));
    }

    @Test
    void theTimerNeedsTheTextfileFolder() {
        var r = run("metrics", "--install-timer");

        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().contains("--install-timer needs --textfile DIR"), r.err());
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertEquals(ExitCode.USAGE, run("serve-metrics", "--port", "70000").code());
    }
}
