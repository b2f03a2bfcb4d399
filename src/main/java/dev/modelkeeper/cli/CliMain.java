package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.ops.ScanOperation;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The command line's composition root and dispatcher. Never loads JavaFX. */
public final class CliMain {

    private CliMain() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            if (command.equals("scan")) {
                var locator = new CacheLocator(Environment.system());
                List<CacheRoot> roots = rest.isEmpty() ? locator.discover(List.of())
                        : rest.stream().map(Path::of).map(CacheRoot::user).toList();
                var op = new ScanOperation(new CacheScanner(new BasicFileSystemProbe()), roots, ScanListener.NONE);
                for (CacheScan scan : op.run(ProgressListener.NONE, Cancellation.create())) {
                    scan.repos().forEach(r -> out.println(r.cacheId() + "\t" + r.sizeOnDisk()));
                }
                return 0;
            }
            err.println("Unknown command: " + command);
            return 2;
        } catch (OperationException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
