package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.task.OperationTitles;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Scans several roots one after the other, streaming repos to the listener. */
public final class ScanOperation implements Operation<List<CacheScan>> {

    private final CacheScanner scanner;
    private final List<CacheRoot> roots;
    private final ScanListener listener;
    private final Consumer<CacheScan> onRootDone;

    public ScanOperation(CacheScanner scanner, List<CacheRoot> roots, ScanListener listener) {
        this(scanner, roots, listener, scan -> { });
    }

    /** Also reports each root's finished scan as soon as it is done, before the next root starts. */
    public ScanOperation(CacheScanner scanner, List<CacheRoot> roots, ScanListener listener,
                         Consumer<CacheScan> onRootDone) {
        this.scanner = scanner;
        this.roots = List.copyOf(roots);
        this.listener = listener;
        this.onRootDone = onRootDone;
    }

    @Override
    public Message title() {
        return roots.size() == 1 ? OperationTitles.of("scan.one", roots.getFirst().path())
                : OperationTitles.of("scan.many", roots.size());
    }

    @Override
    public List<CacheScan> run(ProgressListener progress, Cancellation cancellation) throws CancelledException {
        var scans = new ArrayList<CacheScan>();
        for (int i = 0; i < roots.size(); i++) {
            CacheRoot root = roots.get(i);
            progress.message(root.path().toString());
            int index = i;
            ProgressListener perRoot = new ProgressListener() {
                @Override
                public void progress(long done, long total) {
                    long scaled = total <= 0 ? 0 : done * 1000 / total;
                    progress.progress(index * 1000L + scaled, roots.size() * 1000L);
                }
            };
            CacheScan scan = scanner.scan(root, listener, perRoot, cancellation);
            scans.add(scan);
            onRootDone.accept(scan);
        }
        progress.progress(roots.size(), roots.size());
        return scans;
    }
}
