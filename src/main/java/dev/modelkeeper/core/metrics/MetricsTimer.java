package dev.modelkeeper.core.metrics;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A systemd user timer that runs {@code modelkeeper metrics --textfile DIR} regularly:
 * {@code modelkeeper-metrics.service} and {@code .timer} in {@code $XDG_CONFIG_HOME/systemd/user} (or
 * {@code ~/.config/systemd/user}). Writing them enables nothing; the caller prints the systemctl command.
 */
public final class MetricsTimer {

    public static final String NAME = "modelkeeper-metrics";

    private final Path unitDir;

    public MetricsTimer(Path unitDir) {
        this.unitDir = unitDir;
    }

    /** Where systemd looks for the user's own units in this environment. */
    public static MetricsTimer of(Environment env) {
        Path config = env.get("XDG_CONFIG_HOME").filter(v -> !v.isBlank()).map(Path::of)
                .orElse(env.home().resolve(".config"));
        return new MetricsTimer(config.resolve("systemd/user"));
    }

    public Path service() {
        return unitDir.resolve(NAME + ".service");
    }

    public Path timer() {
        return unitDir.resolve(NAME + ".timer");
    }

    /** Writes both units; {@code command} is the program and its first arguments (the java launcher or the installed one). */
    public List<Path> install(List<String> command, Path textfileDir, Duration every) throws IOException {
        var exec = new StringBuilder();
        for (String part : command) {
            exec.append(quote(part)).append(' ');
        }
        exec.append("metrics --textfile ").append(quote(textfileDir.toAbsolutePath().toString()));
        AtomicFiles.writeString(service(), String.join("\n",
                "[Unit]",
                "Description=ModelKeeper: write cache metrics for node_exporter's textfile collector",
                "",
                "[Service]",
                "Type=oneshot",
                "ExecStart=" + exec,
                "Nice=10",
                "IOSchedulingClass=idle",
                ""));
        AtomicFiles.writeString(timer(), String.join("\n",
                "[Unit]",
                "Description=ModelKeeper: cache metrics every " + every.toMinutes() + " minutes",
                "",
                "[Timer]",
                "OnBootSec=2min",
                "OnUnitActiveSec=" + every.toSeconds() + "s",
                "Persistent=true",
                "",
                "[Install]",
                "WantedBy=timers.target",
                ""));
        return List.of(service(), timer());
    }

    /** Deletes both units; returns those that were there. */
    public List<Path> remove() throws IOException {
        var removed = new java.util.ArrayList<Path>();
        for (Path unit : List.of(timer(), service())) {
            if (Files.deleteIfExists(unit)) {
                removed.add(unit);
            }
        }
        return removed;
    }

    /** systemd's quoting for ExecStart: double quotes with backslash escapes when a word needs them. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || "\"'\\$%;".indexOf(c) >= 0)) {
            return word;
        }
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "$$").replace("%", "%%") + "\"";
    }
}
