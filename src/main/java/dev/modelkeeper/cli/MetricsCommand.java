package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.metrics.MetricsExport;
import dev.modelkeeper.core.metrics.MetricsReport;
import dev.modelkeeper.core.metrics.MetricsTimer;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code modelkeeper metrics [--textfile DIR] [--install-timer [--every MIN] | --remove-timer]}: the Prometheus
 * metrics of every cache, on stdout or as a file for node_exporter's textfile collector.
 */
@Command(name = "metrics", sortOptions = false)
final class MetricsCommand implements Callable<Integer> {

    @Option(names = "--textfile", paramLabel = "DIR", descriptionKey = "help.metrics.textfile")
    Path textfile;

    @Option(names = "--install-timer", descriptionKey = "help.metrics.installTimer")
    boolean installTimer;

    @Option(names = "--every", paramLabel = "MINUTES", defaultValue = "15", descriptionKey = "help.metrics.every")
    int everyMinutes;

    @Option(names = "--remove-timer", descriptionKey = "help.metrics.removeTimer")
    boolean removeTimer;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;
    private final CacheScanner scanner;

    MetricsCommand(CliContext cli, CacheScanner scanner) {
        this.cli = cli;
        this.scanner = scanner;
    }

    @Override
    public Integer call() throws IOException {
        if (removeTimer) {
            return removeTimer();
        }
        if (installTimer) {
            return installTimer();
        }
        return cli.runner().run(CommandRunner.Display.NONE, "metrics.cancelled", (progress, cancel) -> {
            MetricsReport report = new MetricsSource(cli, scanner).report(cancel);
            var registry = MetricsExport.registry(() -> report);
            try {
                if (textfile == null) {
                    cli.out().write(MetricsExport.text(registry));
                    cli.out().flush();
                } else {
                    MetricsExport.writeTextfile(registry, textfile);
                }
            } catch (IOException e) {
                throw new OperationException(cli.texts().format("metrics.writeFailed", textfile, e.getMessage()), textfile, e);
            }
            return ExitCode.OK;
        });
    }

    private int installTimer() throws IOException {
        if (textfile == null) {
            throw cli.usageError(spec, "metrics.timerNeedsTextfile");
        }
        if (everyMinutes < 1) {
            throw cli.usageError(spec, "metrics.everyTooSmall");
        }
        var timer = MetricsTimer.of(cli.env());
        timer.install(LaunchCommand.current(), textfile, Duration.ofMinutes(everyMinutes));
        cli.out().println(cli.texts().format("metrics.timerInstalled", timer.service(), timer.timer(), MetricsTimer.NAME));
        return ExitCode.OK;
    }

    private int removeTimer() throws IOException {
        var timer = MetricsTimer.of(cli.env());
        var removed = timer.remove();
        if (removed.isEmpty()) {
            cli.out().println(cli.texts().format("metrics.timerNone", timer.timer().getParent()));
        } else {
            cli.out().println(cli.texts().format("metrics.timerRemoved", timer.timer().getParent(), MetricsTimer.NAME));
        }
        return ExitCode.OK;
    }
}
