package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cleanup.CleanupPlanner;
import dev.modelkeeper.core.cleanup.InUseCheck;
import dev.modelkeeper.core.cleanup.PruneRules;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.OpenFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modelkeeper prune}: what {@code hf cache prune} removes (detached revisions, partial downloads) plus the
 * leftovers it leaves (orphan blobs, lock folders of vanished repos, empty folders), and optionally old or unused
 * revisions.
 */
@Command(name = "prune", sortOptions = false)
final class PruneCommand implements Callable<Integer> {

    @Mixin
    CleanupCli options;

    @Option(names = "--older-than", paramLabel = "AGE", converter = Converters.Age.class,
            descriptionKey = "help.prune.olderThan")
    Duration olderThan;

    @Option(names = "--unused", paramLabel = "AGE", converter = Converters.Age.class, descriptionKey = "help.prune.unused")
    Duration unused;

    @Option(names = "--xet", descriptionKey = "help.prune.xet")
    boolean xet;

    @Option(names = "--permanent", descriptionKey = "help.rm.permanent")
    boolean permanent;

    @Mixin
    HelpOption help;

    private final CliContext cli;
    private final CacheScanner scanner;

    PruneCommand(CliContext cli, CacheScanner scanner) {
        this.cli = cli;
        this.scanner = scanner;
    }

    @Override
    public Integer call() {
        var rules = new PruneRules(Optional.ofNullable(olderThan), Optional.ofNullable(unused), xet);
        return options.run(cli, scanner, scans -> new CleanupPlanner(scans, FileLocks::isHeld,
                InUseCheck.of(OpenFiles.snapshot())).prune(rules, Instant.now()), permanent, true);
    }
}
