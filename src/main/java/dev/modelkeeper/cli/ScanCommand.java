package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanIndex;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.cache.ScanOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelkeeper scan [--json] [--no-index] [PATH...]}: every discovered cache, or the folders named. */
@Command(name = "scan", sortOptions = false)
final class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", descriptionKey = "help.scan.paths")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--json", descriptionKey = "help.scan.json")
    boolean json;

    @Option(names = "--no-index", descriptionKey = "help.scan.no-index")
    boolean noIndex;

    @Mixin
    HelpOption help;

    private final CliContext cli;
    private final CacheScanner scanner;
    private final ScanIndex index;

    /** @param index the last scans, reused unless {@code --no-index} (which also leaves the index untouched) */
    ScanCommand(CliContext cli, CacheScanner scanner, ScanIndex index) {
        this.cli = cli;
        this.scanner = scanner;
        this.index = index;
    }

    @Override
    public Integer call() {
        List<CacheRoot> roots = paths.isEmpty() ? cli.locator().discover(cli.settings().userRoots())
                : paths.stream().map(CacheRoot::user).toList();
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.STEPS;
        return cli.runner().run(display, "scan.cancelled", (progress, cancel) -> {
            var indexed = scanner.withIndex(noIndex ? ScanIndex.NONE : index);
            List<CacheScan> scans = new ScanOperation(indexed, roots, ScanListener.NONE).run(progress, cancel);
            progress.finish();
            print(scans);
            boolean missing = !paths.isEmpty() && scans.stream().anyMatch(s -> s.state() != CacheScan.State.ONLINE);
            return missing ? ExitCode.NOT_FOUND : ExitCode.OK;
        });
    }

    private void print(List<CacheScan> scans) {
        if (json) {
            try {
                ScanJson.write(scans, cli.texts().locale(), cli.out());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            new ScanTable(cli.texts(), cli.out()).print(scans);
        }
    }
}
