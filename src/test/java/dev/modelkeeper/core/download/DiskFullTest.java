package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during a download (another program writing) is reported as a full disk, not as a
 * connection problem, and nothing half-written becomes a blob. The disk is a 2 MiB tmpfs, mounted for the
 * test (CI runs as root); where mounting is not allowed, the mapping of a write error is checked directly.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void aDiskThatFillsDuringADownloadSaysSo() throws Exception {
        Path cache = dir.resolve("small");
        Files.createDirectories(cache);
        if (!mount(cache)) {
            var e = PartialFiles.diskError(new PartialFiles.WriteFailed(new IOException("No space left on device")),
                    cache.resolve("x.incomplete"));
            assertTrue(e.getMessage().contains("the disk is full") && e.getMessage().contains("Free some space"));
            return;
        }
        try (var hub = new HubEmulator()) {
            var repo = FixtureRepo.model("org/name");
            String c = repo.commit(1);
            repo.lfsFile(c, "model.safetensors", new byte[900_000]).ref("main", c);
            hub.add(repo).throttle(300_000);
            var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                    new RetryPolicy(5, d -> { }));
            var op = new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/name", "main", List.of(),
                    List.of(), cache, false), 1);
            var filler = new Thread(() -> {
                try {
                    Thread.sleep(700); // the download has begun: another program fills the disk
                    Files.write(cache.resolve("other-program.bin"), new byte[1_300_000]);
                } catch (Exception ignored) {
                    // the disk may already be full: that is the point
                }
            });
            filler.start();

            var e = assertThrows(OperationException.class, () -> op.run(ProgressListener.NONE, Cancellation.create()));
            filler.join();

            assertTrue(e.getMessage().contains("Free some space"), e.getMessage());
            assertFalse(e.getMessage().contains("connection"), e.getMessage());
            String etag = repo.files(c).get("model.safetensors").etag();
            assertFalse(Files.exists(new HubLayout(cache, RepoType.MODEL, "org/name").blob(etag)));
        } finally {
            new ProcessBuilder("umount", "-l", cache.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean mount(Path at) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
