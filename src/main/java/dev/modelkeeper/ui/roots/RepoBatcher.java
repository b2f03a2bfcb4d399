package dev.modelkeeper.ui.roots;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands repos found by scanning threads to the FX thread in batches: one pending runLater at a time,
 * however fast repos arrive, so a large cache cannot flood the event queue.
 */
final class RepoBatcher implements ScanListener {

    private final CacheContentViewModel content;
    private final java.util.concurrent.Executor fx;
    private final ConcurrentLinkedQueue<Map.Entry<CacheRoot, Repo>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    RepoBatcher(CacheContentViewModel content, java.util.concurrent.Executor fx) {
        this.content = content;
        this.fx = fx;
    }

    @Override
    public void repo(CacheRoot root, Repo repo) {
        queue.add(Map.entry(root, repo));
        if (scheduled.compareAndSet(false, true)) {
            fx.execute(this::flush);
        }
    }

    private void flush() {
        scheduled.set(false);
        Map.Entry<CacheRoot, Repo> e;
        while ((e = queue.poll()) != null) {
            content.addRepo(e.getKey(), e.getValue());
        }
    }
}
