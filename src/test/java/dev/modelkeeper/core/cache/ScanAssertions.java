package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/** Small helpers shared by the scanner tests. */
final class ScanAssertions {

    private ScanAssertions() {
    }

    static CacheScan scan(Path dir) throws CancelledException {
        return scan(CacheRoot.user(dir));
    }

    static CacheScan scan(CacheRoot root) throws CancelledException {
        return new CacheScanner(new BasicFileSystemProbe()).scan(root, ScanListener.NONE, ProgressListener.NONE,
                Cancellation.create());
    }

    static Repo only(CacheScan scan) {
        if (scan.repos().size() != 1) {
            throw new AssertionError("expected one repo, got " + scan.repos().stream().map(Repo::cacheId).toList());
        }
        return scan.repos().getFirst();
    }

    static List<FindingKind> kinds(List<Finding> findings) {
        return findings.stream().map(Finding::kind).toList();
    }

    static Revision revision(Repo repo, String commit) {
        return repo.revisions().stream().filter(r -> r.commitHash().equals(commit)).findFirst()
                .orElseThrow(() -> new AssertionError("no revision " + commit));
    }
}
