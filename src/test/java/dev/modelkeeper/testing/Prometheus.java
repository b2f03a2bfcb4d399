package dev.modelkeeper.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus tools from Debian's {@code prometheus} and {@code prometheus-node-exporter} packages. A test
 * that needs one fails when it is missing (nothing is skipped): install them, as {@code .ci/run} does.
 */
public final class Prometheus {

    /** What a tool printed and how it ended. */
    public record Result(int code, String output) {
    }

    private Prometheus() {
    }

    /** The path of a tool; fails the test with what to install when it is not there. */
    public static Path tool(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String pkg = name.equals("prometheus-node-exporter") ? "prometheus-node-exporter" : "prometheus";
        return fail(name + " is not installed: run apt-get install " + pkg + " (.ci/run installs it)");
    }

    /** Runs a tool to the end with {@code stdin} as its input. */
    public static Result run(byte[] stdin, String tool, String... args) throws IOException, InterruptedException {
        var cmd = new ArrayList<String>();
        cmd.add(tool(tool).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail(tool + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** {@code promtool check metrics}: the lint Prometheus applies to an exposition. */
    public static Result checkMetrics(byte[] exposition) throws IOException, InterruptedException {
        return run(exposition, "promtool", "check", "metrics");
    }
}
