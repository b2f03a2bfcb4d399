package dev.modelkeeper.core.cache;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanStreamingTest {

    @TempDir
    Path dir;

    private void manyRepos(int n) {
        var cache = new CacheFixture(dir);
        for (int i = 0; i < n; i++) {
            cache.model("org/m" + i).file(commit(i), "config.json", "{" + i + "}").ref("main", commit(i));
        }
    }

    @Test
    void everyRepoIsStreamedBeforeTheScanReturnsAndProgressReachesTheTotal() throws Exception {
        manyRepos(30);
        var streamed = new CopyOnWriteArrayList<String>();
        var last = new AtomicLong();
        ScanListener listener = new ScanListener() {
            @Override
            public void repo(CacheRoot root, Repo repo) {
                streamed.add(repo.repoId());
            }
        };
        ProgressListener progress = new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                last.set(done * 100 / total);
            }
        };

        var scan = new CacheScanner(new BasicFileSystemProbe()).scan(CacheRoot.user(dir), listener, progress,
                Cancellation.create());

        assertEquals(30, streamed.size());
        assertEquals(scan.repos().stream().map(Repo::repoId).sorted().toList(), streamed.stream().sorted().toList());
        assertEquals(100, last.get());
        List<String> ids = scan.repos().stream().map(Repo::repoId).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "final order is deterministic");
    }

    @Test
    void cancellingDuringAScanStopsIt() {
        manyRepos(40);
        var cancel = Cancellation.create();
        var seen = new AtomicLong();
        ScanListener listener = new ScanListener() {
            @Override
            public void repo(CacheRoot root, Repo repo) {
                if (seen.incrementAndGet() == 3) {
                    cancel.cancel();
                }
            }
        };

        assertThrows(CancelledException.class, () -> new CacheScanner(new BasicFileSystemProbe())
                .scan(CacheRoot.user(dir), listener, ProgressListener.NONE, cancel));
        assertTrue(seen.get() < 40, "stopped early: " + seen.get());
    }
}
