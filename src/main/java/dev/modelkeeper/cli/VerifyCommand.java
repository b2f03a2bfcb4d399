package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code modelkeeper verify [PATH|REPO]... [--type T] [--revision R] [--online] [--endpoint URL]
 * [--trust-mirror] [--full] [--threads N] [--json]}: every cache, or the caches, repos, revisions and files named.
 */
final class VerifyCommand {

    private final Environment env;
    private final Settings settings;
    private final CliTexts texts;
    private final PrintStream out;
    private final PrintStream err;

    VerifyCommand(Environment env, Settings settings, CliTexts texts, PrintStream out, PrintStream err) {
        this.env = env;
        this.settings = settings;
        this.texts = texts;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        var a = VerifyArgs.parse(argv, texts);
        var locator = new CacheLocator(env);
        List<CacheRoot> known = locator.discover(settings.userRoots());
        List<VerifyScope> scopes = a.scopesOrSay(known, texts, err);
        if (scopes == null) {
            return ExitCode.ROOT_UNAVAILABLE;
        }
        VerdictStore store = a.store(env);
        Optional<HubClient> hub = a.online ? Optional.of(a.hub(env, settings, locator)) : Optional.empty();
        VerifyReport report = a.json ? runJson(scopes, store, hub, a.threads) : runText(scopes, store, hub, a.threads);
        if (report == null) {
            err.println(texts.get("verify.cancelled"));
            return ExitCode.INTERRUPTED;
        }
        if (report.problemsRemain()) {
            return ExitCode.PROBLEMS;
        }
        return report.hubCheckFailed() ? ExitCode.REFUSED : ExitCode.OK;
    }


    private VerifyReport runText(List<VerifyScope> scopes, VerdictStore store, Optional<HubClient> hub, int threads) {
        VerifyReport report = runAll(scopes, store, hub, threads, VerifyListener.NONE);
        if (report != null) {
            new VerifyText(texts, out).print(report);
        }
        return report;
    }

    private VerifyReport runJson(List<VerifyScope> scopes, VerdictStore store, Optional<HubClient> hub, int threads) {
        try (var json = new VerifyJson(out, texts.locale())) {
            VerifyReport report = runAll(scopes, store, hub, threads, json);
            if (report != null) {
                json.finish(report);
            }
            out.println();
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one operation per scope with a progress line and Ctrl+C; null when cancelled. */
    private VerifyReport runAll(List<VerifyScope> scopes, VerdictStore store, Optional<HubClient> hub, int threads,
                                VerifyListener listener) {
        var cancel = Cancellation.create();
        Thread hook = new Thread(cancel::cancel, "ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        var progress = CliProgress.forTerminal(err).bytes();
        try {
            var reports = new ArrayList<VerifyReport>();
            for (VerifyScope scope : scopes) {
                reports.add(new VerifyOperation(scope, store, listener, threads, hub).run(progress, cancel));
            }
            return VerifyArgs.merge(reports);
        } catch (CancelledException e) {
            return null;
        } finally {
            progress.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // Ctrl+C: the JVM is going down
            }
        }
    }
}
