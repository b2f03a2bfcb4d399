package dev.modelkeeper.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unfinished downloads are counted: per repo and per cache, apart from the blobs the official scan counts. */
class PartialBytesTest {

    @TempDir
    Path dir;

    @Test
    void partialDownloadsAreCountedApartFromTheBlobs() throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        String c = CacheFixture.commit(1);
        var repo = cache.model("org/name").file(c, "config.json", "{}").ref("main", c);
        Files.write(repo.dir().resolve("blobs/" + "a".repeat(64) + ".incomplete"), new byte[150_000]);
        Files.write(repo.dir().resolve("blobs/" + "b".repeat(64) + ".parts.incomplete"), new byte[20_000]);

        var scan = new CacheScanner(new BasicFileSystemProbe()).scan(CacheRoot.user(cache.dir()), ScanListener.NONE,
                ProgressListener.NONE, Cancellation.create());

        Repo r = scan.repos().getFirst();
        assertEquals(170_000, r.partialBytes());
        assertEquals(2, r.sizeOnDisk(), "the blobs alone, as the official scan counts them");
        assertEquals(170_000, scan.partialBytes());
    }
}
