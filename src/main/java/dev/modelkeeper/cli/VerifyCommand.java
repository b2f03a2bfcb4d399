package dev.modelkeeper.cli;

import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modelkeeper verify [PATH|REPO]... [options]}: every cache, or the caches, repos, revisions and files
 * named; offline against each file's hash, {@code --online} also against the Hub's listing.
 */
@Command(name = "verify", sortOptions = false)
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    TargetOptions targets;

    @Option(names = "--online", descriptionKey = "help.verify.online")
    boolean online;

    @Mixin
    HubOptions hub;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.Threads.class,
            descriptionKey = "help.verify.threads")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", descriptionKey = "help.verify.json")
    boolean json;

    @Mixin
    HelpOption help;

    private final CliContext cli;

    VerifyCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        var settings = cli.settings();
        var locator = cli.locator();
        List<VerifyScope> scopes = targets.scopesOrSay(cli);
        if (scopes == null) {
            return ExitCode.NOT_FOUND;
        }
        VerdictStore store = targets.store(cli.env());
        Optional<HubClient> client = online ? Optional.of(hub.client(cli.env(), settings, locator)) : Optional.empty();
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "verify.cancelled", (progress, cancel) -> {
            VerifyReport report = json ? runJson(scopes, store, client, progress, cancel)
                    : runText(scopes, store, client, progress, cancel);
            if (report.problemsRemain()) {
                return ExitCode.PROBLEMS;
            }
            return report.hubCheckFailed() ? ExitCode.HUB_REFUSED : ExitCode.OK;
        });
    }

    private VerifyReport runText(List<VerifyScope> scopes, VerdictStore store, Optional<HubClient> client,
                                 CliProgress progress, Cancellation cancel) throws OperationException {
        VerifyReport report = verifyAll(scopes, store, client, VerifyListener.NONE, progress, cancel);
        progress.finish();
        new VerifyText(cli.texts(), cli.out()).print(report);
        return report;
    }

    /** Findings are streamed as they are found; a cancelled run leaves the document unfinished, as before. */
    private VerifyReport runJson(List<VerifyScope> scopes, VerdictStore store, Optional<HubClient> client,
                                 CliProgress progress, Cancellation cancel) throws OperationException {
        try (var out = new VerifyJson(cli.out(), cli.texts().locale())) {
            VerifyReport report = verifyAll(scopes, store, client, out, progress, cancel);
            out.finish(report);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            cli.out().println();
        }
    }

    private VerifyReport verifyAll(List<VerifyScope> scopes, VerdictStore store, Optional<HubClient> client,
                                   VerifyListener listener, ProgressListener progress, Cancellation cancel)
            throws OperationException {
        VerifyReport report = TargetOptions.verifyAll(scopes, store, listener, threads, client, progress, cancel);
        cli.count(c -> c.recordVerify(java.time.Instant.now()));
        return report;
    }
}
