package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.cache.ScanOperation;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.cleanup.CleanupOperation;
import dev.modelkeeper.core.cleanup.CleanupPlan;
import dev.modelkeeper.core.cleanup.CleanupResult;
import dev.modelkeeper.core.cleanup.Disposal;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * What {@code rm} and {@code prune} share: the caches, the plan shown (text or JSON), the question, the run.
 * Without {@code --yes} the plan is shown and the user asked on a terminal; with no terminal nothing is removed
 * and the exit code is {@link ExitCode#REFUSED}.
 */
final class CleanupCli {

    @Option(names = "--cache-dir", paramLabel = "DIR", descriptionKey = "help.cleanup.cacheDir")
    Path cacheDir;

    @Option(names = "--dry-run", descriptionKey = "help.cleanup.dryRun")
    boolean dryRun;

    @Option(names = "--json", descriptionKey = "help.cleanup.json")
    boolean json;

    @Option(names = {"-y", "--yes"}, descriptionKey = "help.cleanup.yes")
    boolean yes;

    /** Scans the caches, plans, shows the plan, asks, and runs it; returns the exit code. */
    int run(CliContext cli, CacheScanner scanner, Function<List<CacheScan>, CleanupPlan> planner, Disposal disposal) {
        List<CacheRoot> roots = cacheDir != null ? List.of(CacheRoot.user(cacheDir))
                : cli.locator().discover(cli.settings().userRoots()).stream().filter(CacheRoot::holdsModels).toList();
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.STEPS;
        return cli.runner().run(display, "cleanup.cancelled", (progress, cancel) -> {
            List<CacheScan> scans = new ScanOperation(scanner, roots, ScanListener.NONE).run(progress, cancel);
            progress.finish();
            if (cacheDir != null && scans.stream().anyMatch(s -> s.state() != CacheScan.State.ONLINE)) {
                cli.err().println(cli.texts().format("cleanup.noCache", cacheDir));
                return ExitCode.NOT_FOUND;
            }
            CleanupPlan plan = planner.apply(scans);
            return decideAndRun(cli, plan, disposal, progress, cancel);
        });
    }

    private int decideAndRun(CliContext cli, CleanupPlan plan, Disposal disposal, CliProgress progress,
                             Cancellation cancel) throws OperationException {
        var texts = cli.texts();
        if (!plan.missing().isEmpty()) {
            plan.missing().forEach(m -> cli.err().println(texts.format("cleanup.missing", m)));
            return ExitCode.NOT_FOUND;
        }
        int refusedCode = plan.refused().isEmpty() ? ExitCode.OK : ExitCode.REFUSED;
        if (plan.isEmpty() || dryRun) {
            show(cli, plan, null);
            return refusedCode;
        }
        if (!json) {
            show(cli, plan, null);
        }
        if (!yes) {
            var answer = cli.confirmation().ask(texts.get("cleanup.ask"));
            if (answer.isEmpty() || !answer.get()) {
                if (json) {
                    show(cli, plan, null);
                }
                cli.err().println(texts.get(answer.isEmpty() ? "cleanup.needYes" : "cleanup.declined"));
                return ExitCode.REFUSED;
            }
        }
        CleanupResult result = new CleanupOperation(plan, disposal).run(progress, cancel);
        progress.finish();
        show(cli, plan, result);
        if (!result.failed().isEmpty()) {
            return ExitCode.FAILURE;
        }
        return result.refused().isEmpty() ? refusedCode : ExitCode.REFUSED;
    }

    private void show(CliContext cli, CleanupPlan plan, CleanupResult result) {
        if (json) {
            CleanupJson.write(plan, result, dryRun, cli.texts().locale(), cli.out());
        } else if (result == null) {
            printPlan(cli, plan);
        } else {
            printResult(cli, result);
        }
    }

    private static void printPlan(CliContext cli, CleanupPlan plan) {
        var texts = cli.texts();
        PrintStream out = cli.out();
        Locale locale = texts.locale();
        if (plan.isEmpty()) {
            out.println(texts.get("cleanup.nothing"));
        } else {
            out.println(texts.format("cleanup.plan", plan.removals().size(), SizeFormat.bytes(plan.expectedFreedSize())));
            for (CleanupPlan.Removal r : plan.removals()) {
                String size = r.bytes() > 0 ? "  " + SizeFormat.bytes(r.bytes()) : "";
                out.println("  " + String.format("%-9s", texts.get("cleanup.kind." + r.kind().name())) + r.path() + size);
            }
        }
        if (!plan.keptShared().isEmpty()) {
            out.println(texts.format("cleanup.kept", plan.keptShared().size()));
            plan.keptShared().forEach(k -> out.println("  " + k.path() + "  " + SizeFormat.bytes(k.bytes()) + "  "
                    + k.reason().render(locale)));
        }
        plan.refused().forEach(r -> cli.err().println(r.reason().render(locale)));
    }

    private static void printResult(CliContext cli, CleanupResult result) {
        var texts = cli.texts();
        Locale locale = texts.locale();
        cli.out().println(texts.format("cleanup.done", result.removed().size(), SizeFormat.bytes(result.freedBytes())));
        result.refused().forEach(r -> cli.err().println(r.reason().render(locale)));
        result.failed().forEach(f -> cli.err().println(f.reason().render(locale)));
    }
}
