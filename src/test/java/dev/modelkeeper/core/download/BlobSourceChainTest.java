package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download served by a chain of sources: the first that holds a blob serves it (all of it, resumes included),
 * the next is asked only for what the first lacks, and the hash check above the seam judges every byte.
 */
class BlobSourceChainTest {

    @TempDir
    Path cache;

    private static HubClient client(HubEmulator e) {
        return new HubClient(new OkHttpClient(), HubEndpoint.of(e.url(), false), Optional.empty(),
                new RetryPolicy(5, d -> { }));
    }

    @Test
    void theFirstSourceThatHoldsABlobServesItAndTheNextOneTheRest() throws Exception {
        byte[] weights = new byte[80_000_000]; // large: its pieces go over several ranged connections
        new Random(9).nextBytes(weights);
        var full = FixtureRepo.model("org/name");
        String c = full.commit(1);
        full.file(c, "config.json", "{\"a\":1}").lfsFile(c, "model.safetensors", weights).ref("main", c);
        var partial = FixtureRepo.model("org/name"); // a nearby store that only has the weights
        partial.commit(1);
        partial.lfsFile(c, "model.safetensors", weights).ref("main", c);
        try (var hub = new HubEmulator().add(full); var store = new HubEmulator().add(partial)) {
            var chain = new ChainedBlobSource(List.of(new HubBlobSource(client(store)), new HubBlobSource(client(hub))));

            new DownloadOperation(client(hub), chain, new DownloadRequest(RepoType.MODEL, "org/name", "main",
                    List.of(), List.of(), cache, false), 2, BandwidthLimit.NONE, 4)
                    .run(ProgressListener.NONE, Cancellation.create());

            var layout = new HubLayout(cache, RepoType.MODEL, "org/name");
            String sha = CacheFixture.sha256(weights);
            assertEquals(sha, CacheFixture.sha256(Files.readAllBytes(layout.blob(sha))));
            assertTrue(Files.exists(layout.pointer(c, "config.json")));
            assertEquals(weights.length, store.bytesServed(), "the store served the weights");
            assertEquals("{\"a\":1}".length(), hub.bytesServed(), "the Hub served only what the store lacks");
            assertEquals(Optional.of("127.0.0.1"), chain.servedBy(sha));
        }
    }
}
