package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cleanup.CleanupPlanner;
import dev.modelkeeper.core.cleanup.CleanupTarget;
import dev.modelkeeper.core.cleanup.InUseCheck;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.OpenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelkeeper rm TARGET...}: removes repos, revisions or files of snapshots as {@code hf cache rm} does, a
 * blob only when nothing else links it, and says how many bytes that frees.
 */
@Command(name = "rm", sortOptions = false)
final class RmCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TARGET", arity = "1..*", descriptionKey = "help.rm.targets")
    List<String> targets = new ArrayList<>();

    @Mixin
    CleanupCli options;

    @Option(names = "--permanent", descriptionKey = "help.rm.permanent")
    boolean permanent;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;
    private final CacheScanner scanner;

    RmCommand(CliContext cli, CacheScanner scanner) {
        this.cli = cli;
        this.scanner = scanner;
    }

    @Override
    public Integer call() {
        var parsed = new ArrayList<CleanupTarget>();
        for (String t : targets) {
            parsed.add(CleanupTarget.parse(t).orElseThrow(() -> cli.usageError(spec, "rm.badTarget", t)));
        }
        return options.run(cli, scanner, scans -> new CleanupPlanner(scans, FileLocks::isHeld,
                InUseCheck.of(OpenFiles.snapshot())).remove(parsed), permanent, false);
    }
}
