package dev.modelkeeper.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheScannerSmokeTest {

    @Test
    void scansOneLinkedModel(@TempDir Path cache) throws Exception {
        Path repo = cache.resolve("models--org--name");
        Files.createDirectories(repo.resolve("blobs"));
        Files.createDirectories(repo.resolve("refs"));
        Path snap = Files.createDirectories(repo.resolve("snapshots/" + "a".repeat(40)));
        Files.writeString(repo.resolve("blobs/abc"), "hello");
        Files.createSymbolicLink(snap.resolve("config.json"), Path.of("../../blobs/abc"));
        Files.writeString(repo.resolve("refs/main"), "a".repeat(40));

        var scan = new CacheScanner(new BasicFileSystemProbe()).scan(CacheRoot.user(cache), ScanListener.NONE,
                ProgressListener.NONE, Cancellation.create());

        assertEquals(1, scan.repos().size());
        Repo r = scan.repos().getFirst();
        assertEquals("model/org/name", r.cacheId());
        assertEquals(5, r.sizeOnDisk());
        assertEquals(java.util.Set.of("main"), r.revisions().getFirst().refs());
    }
}
