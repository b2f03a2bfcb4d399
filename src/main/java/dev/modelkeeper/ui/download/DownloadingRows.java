package dev.modelkeeper.ui.download;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import java.nio.file.Path;
import javafx.collections.ListChangeListener;

/**
 * Tells the tree which repos a running download writes into, with its progress: a repo's row then shows a
 * small "downloading" bar, which goes when the download finishes, pauses or is cancelled. FX thread.
 */
public final class DownloadingRows {

    private final DownloadQueueViewModel queue;
    private final CacheContentViewModel content;

    private DownloadingRows(DownloadQueueViewModel queue, CacheContentViewModel content) {
        this.queue = queue;
        this.content = content;
    }

    /** Keeps {@code content.downloading()} in step with the queue's running entries from now on. */
    public static void follow(DownloadQueueViewModel queue, CacheContentViewModel content) {
        var rows = new DownloadingRows(queue, content);
        queue.entries().addListener((ListChangeListener<DownloadEntry>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(rows::watch);
            }
            rows.sync();
        });
        queue.entries().forEach(rows::watch);
        rows.sync();
    }

    private void watch(DownloadEntry entry) {
        entry.stateProperty().addListener((obs, old, now) -> sync());
    }

    private void sync() {
        var running = new java.util.HashMap<Path, javafx.beans.value.ObservableDoubleValue>();
        queue.entries().stream().filter(e -> e.state() == DownloadEntry.State.RUNNING)
                .forEach(e -> running.put(repoFolder(e), e.progressProperty()));
        content.downloading().keySet().retainAll(running.keySet());
        running.forEach((folder, progress) -> {
            if (content.downloading().get(folder) != progress) {
                content.downloading().put(folder, progress);
            }
        });
    }

    static Path repoFolder(DownloadEntry e) {
        var r = e.request();
        return new HubLayout(r.cache(), r.type(), r.repoId()).repo().toAbsolutePath().normalize();
    }
}
