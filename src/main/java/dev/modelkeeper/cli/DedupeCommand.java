package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.cleanup.Dedupe;
import dev.modelkeeper.core.cleanup.DedupePlan;
import dev.modelkeeper.core.cleanup.DedupeResult;
import dev.modelkeeper.core.fs.OpenFiles;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelkeeper dedupe [ROOT...] [--dry-run] [--json] [--yes]}: blobs that several caches on one
 * filesystem hold as separate files become hard links of one ({@link Dedupe}). Shows the plan, then asks
 * (on a terminal) or needs {@code --yes}; without either it changes nothing and exits with 6.
 */
@Command(name = "dedupe", sortOptions = false)
final class DedupeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ROOT", descriptionKey = "help.dedupe.roots")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--dry-run", descriptionKey = "help.dedupe.dryRun")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, descriptionKey = "help.dedupe.yes")
    boolean yes;

    @Option(names = "--json", descriptionKey = "help.dedupe.json")
    boolean json;

    @Mixin
    HelpOption help;

    private final CliContext cli;
    private final Confirmation confirmation;

    DedupeCommand(CliContext cli, Confirmation confirmation) {
        this.cli = cli;
        this.confirmation = confirmation;
    }

    @Override
    public Integer call() {
        List<Path> chosen = roots.isEmpty() ? cli.locator().discover(cli.settings().userRoots()).stream()
                .filter(CacheRoot::holdsModels).map(CacheRoot::path).toList() : roots;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                cli.err().println(cli.texts().format("dedupe.notFound", root));
                return ExitCode.NOT_FOUND;
            }
        }
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "dedupe.cancelled", (progress, cancel) -> {
            DedupePlan plan = plan(chosen);
            progress.clear();
            var print = new DedupeText(cli.texts(), cli.out());
            if (plan.isEmpty() || dryRun) {
                print.plan(plan, json);
                return ExitCode.OK;
            }
            if (!yes && !confirmed(plan, print)) {
                return ExitCode.REFUSED;
            }
            DedupeResult result = new Dedupe(plan, OpenFiles::snapshot).run(progress, cancel);
            progress.clear();
            print.result(plan, result, json);
            return ExitCode.OK;
        });
    }

    /** Shows the plan and asks; with nobody to ask (no terminal, or --json) says how to go on and declines. */
    private boolean confirmed(DedupePlan plan, DedupeText print) {
        print.plan(plan, json);
        Optional<Boolean> answer = json ? Optional.empty() : confirmation.ask(cli.texts().get("dedupe.ask"));
        if (answer.isEmpty()) {
            cli.err().println(cli.texts().get("dedupe.needsYes"));
            return false;
        }
        if (!answer.get()) {
            cli.err().println(cli.texts().get("dedupe.declined"));
        }
        return answer.get();
    }

    private static DedupePlan plan(List<Path> roots) throws OperationException {
        try {
            return Dedupe.plan(roots, OpenFiles.snapshot());
        } catch (IOException e) {
            throw new OperationException(e.getMessage(), null, e);
        }
    }

    static String size(long bytes) {
        return SizeFormat.bytes(bytes);
    }
}
