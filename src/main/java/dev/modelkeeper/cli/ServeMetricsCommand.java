package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.metrics.MetricsExport;
import dev.modelkeeper.core.metrics.ThrottledReport;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelkeeper serve-metrics --port P [--bind ADDR] [--rescan SECONDS]}: /metrics for Prometheus until Ctrl+C. */
@Command(name = "serve-metrics", sortOptions = false)
final class ServeMetricsCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", required = true, descriptionKey = "help.serve.port")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", descriptionKey = "help.serve.bind")
    String bind;

    @Option(names = "--rescan", paramLabel = "SECONDS", defaultValue = "60", descriptionKey = "help.serve.rescan")
    int rescanSeconds;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;
    private final CacheScanner scanner;

    ServeMetricsCommand(CliContext cli, CacheScanner scanner) {
        this.cli = cli;
        this.scanner = scanner;
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw cli.usageError(spec, "serve.badPort", port);
        }
        return cli.runner().run(CommandRunner.Display.NONE, "serve.stopped", (progress, cancel) -> {
            var source = new MetricsSource(cli, scanner);
            var reports = new ThrottledReport(() -> {
                try {
                    return source.report(cancel);
                } catch (CancelledException e) {
                    throw new IllegalStateException(e); // a scrape during Ctrl+C: the server is going down
                }
            }, Duration.ofSeconds(Math.max(0, rescanSeconds)), Clock.systemUTC());
            var stopped = new CountDownLatch(1);
            cancel.onCancel(stopped::countDown); // the runner's cancellation lives as long as this command
            try (HTTPServer server = MetricsExport.serve(MetricsExport.registry(reports), bind, port)) {
                cli.out().println(cli.texts().format("serve.listening", bind, String.valueOf(server.getPort()),
                        rescanSeconds));
                stopped.await();
            } catch (IOException e) {
                throw new OperationException(cli.texts().format("serve.failed", bind, String.valueOf(port),
                        e.getMessage()), null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancel.throwIfCancelled();
            return ExitCode.OK;
        });
    }
}
