package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.ops.ScanOperation;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code modelkeeper scan [--json] [PATH...]}: every discovered cache, or the folders named. */
final class ScanCommand {

    private final CacheLocator locator;
    private final Settings settings;
    private final CacheScanner scanner;
    private final CliTexts texts;
    private final PrintStream out;
    private final PrintStream err;

    ScanCommand(CacheLocator locator, Settings settings, CacheScanner scanner, CliTexts texts, PrintStream out,
                PrintStream err) {
        this.locator = locator;
        this.settings = settings;
        this.scanner = scanner;
        this.texts = texts;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        boolean json = false;
        var paths = new ArrayList<Path>();
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("-")) {
                throw new UsageException(texts.format("error.unknownOption", a));
            } else {
                paths.add(Path.of(a));
            }
        }
        List<CacheRoot> roots = paths.isEmpty() ? locator.discover(settings.userRoots())
                : paths.stream().map(CacheRoot::user).toList();
        List<CacheScan> scans = scanWithCtrlC(roots);
        if (scans == null) {
            return ExitCode.INTERRUPTED;
        }
        if (json) {
            try {
                ScanJson.write(scans, texts.locale(), out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            new ScanTable(texts, out).print(scans);
        }
        boolean missing = !paths.isEmpty() && scans.stream().anyMatch(s -> s.state() != CacheScan.State.ONLINE);
        return missing ? ExitCode.ROOT_UNAVAILABLE : ExitCode.OK;
    }

    /** Runs the scan; Ctrl+C cancels it cleanly. Returns null when cancelled. */
    private List<CacheScan> scanWithCtrlC(List<CacheRoot> roots) {
        var cancel = Cancellation.create();
        Thread hook = new Thread(cancel::cancel, "ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        var progress = CliProgress.forTerminal(err);
        try {
            return new ScanOperation(scanner, roots, ScanListener.NONE).run(progress, cancel);
        } catch (CancelledException e) {
            return null;
        } finally {
            progress.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // the JVM is shutting down because of Ctrl+C
            }
        }
    }
}
