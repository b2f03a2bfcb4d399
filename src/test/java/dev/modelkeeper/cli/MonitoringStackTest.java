package dev.modelkeeper.cli;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.Prometheus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole monitoring path with the real programs from Debian: Prometheus scrapes {@code serve-metrics} (our
 * process) and node_exporter, which reads the file {@code metrics --textfile} wrote; the numbers Prometheus
 * answers with are the scans'.
 */
class MonitoringStackTest {

    /** Generous: the stack needs a few seconds, a loaded machine more. Polled, so a fast run is fast. */
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path home;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private Path cache(String name, int models) {
        var cache = new CacheFixture(home.resolve(name));
        for (int i = 1; i <= models; i++) {
            cache.model("org/m" + i).file(commit(i), "config.json", "{\"n\":" + i + "}").ref("main", commit(i));
        }
        return cache.dir();
    }

    @Test
    void prometheusSeesTheServedAndTheTextfileMetricsWithTheScansNumbers() throws Exception {
        Path served = cache("served", 2);
        Path written = cache("written", 3);
        Path textfiles = Files.createDirectories(home.resolve("textfile"));
        String[] r = CliMainAccess.run(Map.of("HF_HUB_CACHE", written.toString()), home, "metrics", "--textfile",
                textfiles.toString());
        assertEquals("0", r[0], r[2]);

        int servePort = startServeMetrics(served);
        int nodePort = freePort();
        start(home.resolve("node.log"), Prometheus.tool("prometheus-node-exporter").toString(),
                "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textfiles, "--web.listen-address=127.0.0.1:" + nodePort);
        int promPort = freePort();
        Path config = home.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: modelkeeper
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                  - job_name: node
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(servePort, nodePort));
        start(home.resolve("prometheus.log"), Prometheus.tool("prometheus").toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort);

        Map<String, String> repos = pollUntilBothJobs(promPort);

        assertEquals(Map.of("modelkeeper " + served, "2", "node " + written, "3"), repos);
    }

    /** {@code serve-metrics --port 0} in a JVM of its own, as a user runs it; the port comes from its first line. */
    private int startServeMetrics(Path cache) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath, CliMain.class.getName(),
                "serve-metrics", "--port", "0", "--rescan", "1").redirectError(home.resolve("serve.err").toFile());
        pb.environment().put("HF_HUB_CACHE", cache.toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("HF_HOME");
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().remove("XDG_STATE_HOME");
        pb.environment().remove("MODELKEEPER_CONFIG_DIR");
        Process p = pb.start();
        processes.add(p);
        var line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        var port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(String.valueOf(line));
        assertTrue(port.find(), "serve-metrics said: " + line + "\n" + Files.readString(home.resolve("serve.err")));
        return Integer.parseInt(port.group(1));
    }

    private void start(Path log, String... command) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    /** "job root" to value, once both jobs have a sample; fails with the logs at the deadline. */
    private Map<String, String> pollUntilBothJobs(int promPort) throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var query = URI.create("http://127.0.0.1:" + promPort + "/api/v1/query?query=modelkeeper_cache_repos");
        Instant end = Instant.now().plus(DEADLINE);
        var found = new TreeMap<String, String>();
        while (Instant.now().isBefore(end)) {
            found.clear();
            try {
                var answer = http.send(HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonNode s : new ObjectMapper().readTree(answer.body()).path("data").path("result")) {
                    found.put(s.path("metric").path("job").asText() + " " + s.path("metric").path("root").asText(),
                            s.path("value").get(1).asText());
                }
            } catch (IOException notUpYet) {
                // Prometheus is still starting
            }
            if (found.keySet().stream().map(k -> k.split(" ")[0]).distinct().count() == 2) {
                return found;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus did not report modelkeeper_cache_repos from both jobs in " + DEADLINE
                + "; last answer " + found + "\nprometheus.log:\n" + tail(home.resolve("prometheus.log"))
                + "\nnode.log:\n" + tail(home.resolve("node.log")));
    }

    private static String tail(Path log) throws IOException {
        String s = Files.exists(log) ? Files.readString(log) : "";
        return s.substring(Math.max(0, s.length() - 3000));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
