package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.core.cache.RepoType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadQueueStoreTest {

    @TempDir
    Path dir;

    @Test
    void requestsSurviveARoundTrip() throws Exception {
        var store = new DownloadQueueStore(dir.resolve("state/downloads.json"));
        var requests = List.of(
                new DownloadRequest(RepoType.MODEL, "org/a", "main", List.of("*.json"), List.of("*.bin"), dir, false),
                new DownloadRequest(RepoType.DATASET, "org/d", "refs/pr/1", List.of(), List.of(), dir, false));

        store.save(requests);

        assertEquals(requests, store.load());
    }

    @Test
    void aMissingOrCorruptQueueIsEmpty() throws Exception {
        assertEquals(List.of(), new DownloadQueueStore(dir.resolve("none.json")).load());
        Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"type\":");
        assertEquals(List.of(), new DownloadQueueStore(bad).load());
    }
}
