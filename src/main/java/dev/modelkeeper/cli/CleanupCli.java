package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheKind;
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
import dev.modelkeeper.core.cleanup.Trash;
import dev.modelkeeper.core.cleanup.XetCaches;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
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

    /**
     * Scans the caches, plans, shows the plan, asks, and runs it; returns the exit code. Removals go to the desktop's
     * trash unless {@code permanent}; where a cache's filesystem has no trash the plan says so and nothing is deleted
     * for good without the user asking for it ({@code --permanent}, or yes to the question on a terminal). With
     * {@code xetCaches} the xet caches are scanned too and their size shown (prune).
     */
    int run(CliContext cli, CacheScanner scanner, Function<List<CacheScan>, CleanupPlan> planner, boolean permanent,
            boolean xetCaches) {
        List<CacheRoot> roots = cacheDir != null ? List.of(CacheRoot.user(cacheDir))
                : cli.locator().discover(cli.settings().userRoots()).stream()
                        .filter(r -> r.holdsModels() || (xetCaches && r.kind() == CacheKind.HF_XET)).toList();
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.STEPS;
        return cli.runner().run(display, "cleanup.cancelled", (progress, cancel) -> {
            List<CacheScan> scans = new ScanOperation(scanner, roots, ScanListener.NONE).run(progress, cancel);
            progress.finish();
            if (cacheDir != null && scans.stream().anyMatch(s -> s.state() != CacheScan.State.ONLINE)) {
                cli.err().println(cli.texts().format("cleanup.noCache", cacheDir));
                return ExitCode.NOT_FOUND;
            }
            Trash trash = permanent ? null : trash(cli);
            // the freedesktop trash on Linux; elsewhere the platform's own where the desktop offers one
            Disposal disposal = permanent ? new Disposal.Permanent() : trash != null ? new Disposal.ToTrash(trash, false)
                    : Disposal.DesktopTrash.available().orElseGet(Disposal.Permanent::new);
            CleanupPlan plan = planner.apply(scans).withFates(disposal);
            List<XetCaches.Cache> xet = !xetCaches ? List.of() : scans.stream()
                    .filter(sc -> sc.kind() == CacheKind.HF_XET && sc.state() == CacheScan.State.ONLINE)
                    .flatMap(sc -> XetCaches.find(sc.root().path()).stream()).toList();
            return decideAndRun(cli, plan, trash, disposal, xet, progress, cancel);
        });
    }

    /** The trash of this user; null where there is none to speak of (not Linux, no /proc): then all is permanent. */
    private static Trash trash(CliContext cli) {
        try {
            return Trash.forCurrentUser(cli.env());
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private int decideAndRun(CliContext cli, CleanupPlan plan, Trash trash, Disposal disposal, List<XetCaches.Cache> xet,
                             CliProgress progress, Cancellation cancel) throws OperationException {
        var texts = cli.texts();
        if (!plan.missing().isEmpty()) {
            plan.missing().forEach(m -> cli.err().println(texts.format("cleanup.missing", m)));
            return ExitCode.NOT_FOUND;
        }
        int refusedCode = plan.refused().isEmpty() ? ExitCode.OK : ExitCode.REFUSED;
        if (plan.isEmpty() || dryRun) {
            show(cli, plan, null, xet);
            return refusedCode;
        }
        if (!json) {
            show(cli, plan, null, xet);
        }
        Disposal chosen = disposal;
        if (plan.needsPermanent()) {
            long count = plan.removals().stream().filter(r -> r.fate() == CleanupPlan.Fate.NO_TRASH).count();
            cli.err().println(texts.format("cleanup.noTrash", count));
            var answer = yes ? java.util.Optional.<Boolean>empty() : cli.confirmation().ask(texts.get("cleanup.askPermanent"));
            if (answer.isEmpty() || !answer.get()) {
                if (json) {
                    show(cli, plan, null, xet);
                }
                cli.err().println(texts.get(answer.isEmpty() ? "cleanup.needPermanent" : "cleanup.declined"));
                return ExitCode.REFUSED;
            }
            chosen = new Disposal.ToTrash(trash, true);
            plan = plan.withFates(chosen);
        } else if (!yes) {
            var answer = cli.confirmation().ask(texts.get("cleanup.ask"));
            if (answer.isEmpty() || !answer.get()) {
                if (json) {
                    show(cli, plan, null, xet);
                }
                cli.err().println(texts.get(answer.isEmpty() ? "cleanup.needYes" : "cleanup.declined"));
                return ExitCode.REFUSED;
            }
        }
        // as the window does: a repo going to the trash is one item there, and its shared payloads stay
        var operation = new CleanupOperation(plan.asCarriedOut(), chosen);
        CleanupResult result;
        try {
            result = operation.run(progress, cancel);
        } catch (CancelledException e) {
            progress.finish();
            show(cli, plan, operation.soFar(), List.of());
            throw e;
        }
        progress.finish();
        show(cli, plan, result, xet);
        if (!result.failed().isEmpty()) {
            return ExitCode.FAILURE;
        }
        return result.refused().isEmpty() ? refusedCode : ExitCode.REFUSED;
    }

    private void show(CliContext cli, CleanupPlan plan, CleanupResult result, List<XetCaches.Cache> xet) {
        if (json) {
            CleanupJson.write(plan, result, dryRun, xet, cli.texts().locale(), cli.out());
        } else if (result == null) {
            printPlan(cli, plan);
            printXet(cli, plan, xet);
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
                out.println("  " + String.format("%-9s", texts.get("cleanup.kind." + r.kind().name()))
                        + String.format("%-10s", texts.get("cleanup.fate." + r.fate().name())) + r.path() + size);
            }
        }
        if (!plan.keptShared().isEmpty()) {
            out.println(texts.format("cleanup.kept", plan.keptShared().size()));
            plan.keptShared().forEach(k -> out.println("  " + k.path() + "  " + SizeFormat.bytes(k.bytes()) + "  "
                    + k.reason().render(locale)));
        }
        plan.refused().forEach(r -> cli.err().println(r.reason().render(locale)));
    }

    /** The xet caches prune leaves unless --xet, with their sizes. */
    private static void printXet(CliContext cli, CleanupPlan plan, List<XetCaches.Cache> xet) {
        if (xet.isEmpty() || !plan.of(CleanupPlan.Kind.XET_CACHE).isEmpty()) {
            return;
        }
        long total = xet.stream().mapToLong(XetCaches.Cache::size).sum();
        cli.out().println(cli.texts().format("cleanup.xetKept", SizeFormat.bytes(total)));
        xet.forEach(c -> cli.out().println("  " + c.path() + "  " + SizeFormat.bytes(c.size())));
    }

    private static void printResult(CliContext cli, CleanupResult result) {
        var texts = cli.texts();
        Locale locale = texts.locale();
        cli.out().println(texts.format("cleanup.done", result.removed().size(), SizeFormat.bytes(result.freedBytes())));
        result.refused().forEach(r -> cli.err().println(r.reason().render(locale)));
        result.failed().forEach(f -> cli.err().println(f.reason().render(locale)));
    }
}
