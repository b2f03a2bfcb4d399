package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.testing.Prometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert rules and scrape config in docs/monitoring.md are what Prometheus accepts, and the alerts fire. */
class MonitoringDocTest {

    private static final Path DOC = Path.of("docs/monitoring.md");

    @TempDir
    Path dir;

    private static String block(String marker) throws Exception {
        var m = Pattern.compile("<!-- " + Pattern.quote(marker) + " -->\\n```yaml\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        if (!m.find()) {
            throw new AssertionError("docs/monitoring.md has no yaml block after <!-- " + marker + " -->");
        }
        return m.group(1);
    }

    private Path rules() throws Exception {
        return Files.writeString(dir.resolve("modelkeeper.rules.yml"), block("rules: modelkeeper.rules.yml"));
    }

    @Test
    void promtoolAcceptsTheRulesAndTheScrapeConfig() throws Exception {
        var rules = Prometheus.run(new byte[0], "promtool", "check", "rules", rules().toString());
        assertEquals(0, rules.code(), rules.output());
        Path config = Files.writeString(dir.resolve("prometheus.yml"),
                "rule_files: [modelkeeper.rules.yml]\n" + block("scrape-config"));
        var checked = Prometheus.run(new byte[0], "promtool", "check", "config", config.toString());
        assertEquals(0, checked.code(), checked.output());
    }

    @Test
    void theDiskAndStalenessAlertsFire() throws Exception {
        rules();
        Path test = Files.writeString(dir.resolve("test.yml"), """
                rule_files: [modelkeeper.rules.yml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'modelkeeper_root_disk_free_bytes{root="/c",instance="h",job="node"}'
                        values: '10x300'
                      - series: 'modelkeeper_root_disk_size_bytes{root="/c",instance="h",job="node"}'
                        values: '100x300'
                      - series: 'modelkeeper_last_scan_timestamp_seconds{instance="h",job="node"}'
                        values: '0x300'
                    alert_rule_test:
                      - eval_time: 20m
                        alertname: ModelCacheDiskAlmostFull
                        exp_alerts:
                          - exp_labels: {severity: warning, root: /c, instance: h, job: node}
                            exp_annotations:
                              summary: "The disk of model cache /c is 90% full"
                              description: "Downloads into it will fail when it is full. Delete old revisions or move
                                the cache (modelkeeper migrate)."
                      - eval_time: 2h
                        alertname: ModelKeeperMetricsStale
                      - eval_time: 4h
                        alertname: ModelKeeperMetricsStale
                        exp_alerts:
                          - exp_labels: {severity: info, instance: h, job: node}
                            exp_annotations:
                              summary: "ModelKeeper's cache metrics on h are more than 3 hours old"
                              description: "The timer (modelkeeper-metrics.timer) or serve-metrics has stopped."
                """);
        var result = Prometheus.run(new byte[0], "promtool", "test", "rules", test.toString());
        assertEquals(0, result.code(), result.output());
    }
}
