package dev.modelkeeper.core.update;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.OperationTitles;
import dev.modelkeeper.core.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks every ref of every repo of a hub cache against the endpoint ({@link UpdateChecker}): which are
 * outdated, and what changed. Other layouts (torch hub, ModelScope) have no refs and give nothing.
 */
public final class OutdatedOperation implements Operation<List<RefCheck>> {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final CacheRoot root;
    private final CacheScanner scanner;
    private final UpdateChecker checker;

    public OutdatedOperation(CacheRoot root, CacheScanner scanner, UpdateChecker checker) {
        this.root = root;
        this.scanner = scanner;
        this.checker = checker;
    }

    @Override
    public Message title() {
        return OperationTitles.of("outdated", root.path());
    }

    @Override
    public List<RefCheck> run(ProgressListener progress, Cancellation cancel) throws OperationException {
        progress.message(root.path().toString());
        CacheScan scan = scanner.scan(root, ScanListener.NONE, ProgressListener.NONE, cancel);
        var refs = new ArrayList<Map.Entry<Repo, Map.Entry<String, String>>>();
        if (scan.kind() == CacheKind.HF_HUB) {
            for (Repo repo : scan.repos()) {
                for (var ref : repo.refs().entrySet()) {
                    if (COMMIT.matcher(ref.getValue()).matches() && !COMMIT.matcher(ref.getKey()).matches()) {
                        refs.add(Map.entry(repo, ref));
                    }
                }
            }
        }
        var checks = new ArrayList<RefCheck>();
        try {
            for (var r : refs) {
                cancel.throwIfCancelled();
                Repo repo = r.getKey();
                progress.message(UpdateMessages.of("update.progress.checking", repo.repoId(), r.getValue().getKey()));
                progress.progress(checks.size(), refs.size());
                checks.add(checker.check(root.path(), repo.type(), repo.repoId(), r.getValue().getKey(),
                        r.getValue().getValue(), cancel));
            }
            progress.progress(checks.size(), refs.size());
        } finally {
            checker.save();
        }
        return checks;
    }
}
