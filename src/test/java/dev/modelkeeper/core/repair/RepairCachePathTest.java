package dev.modelkeeper.core.repair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.repair.RepairAction.Kind;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copy mode is decided from what is on disk inside the repo folder, never from the text of the path:
 * a cache that itself lives under a folder called {@code snapshots} is repaired like any other.
 */
class RepairCachePathTest {

    private static final byte[] WEIGHTS = new byte[300_000];

    static {
        new Random(11).nextBytes(WEIGHTS);
    }

    @TempDir
    Path dir;
    private HubEmulator hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private HubClient client() {
        return new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(2, d -> { }));
    }

    private VerifyReport verify(Path cache) throws Exception {
        return new VerifyOperation(VerifyScope.root(CacheRoot.user(cache)), VerdictStore.inMemory(),
                VerifyListener.NONE, 2, Optional.empty()).run(ProgressListener.NONE, Cancellation.create());
    }

    @Test
    void aCacheUnderAFolderNamedSnapshotsGetsItsBlobDownloadedAndKeepsItsLinks() throws Exception {
        var fixture = FixtureRepo.model("org/tts");
        String c1 = fixture.commit(1);
        fixture.file(c1, "config.json", "{}").lfsFile(c1, "model.safetensors", WEIGHTS).ref("main", c1);
        hub = new HubEmulator().withCdn().add(fixture);
        Path cache = dir.resolve("x/snapshots/hub");
        new DownloadOperation(client(), new DownloadRequest(RepoType.MODEL, "org/tts", "main", List.of(), List.of(),
                cache, false), 2).run(ProgressListener.NONE, Cancellation.create());
        var layout = new HubLayout(cache, RepoType.MODEL, "org/tts");
        Path entry = layout.pointer(c1, "model.safetensors");
        Path link = Files.readSymbolicLink(entry);
        Path blob = layout.blob(fixture.files(c1).get("model.safetensors").etag());
        byte[] b = Files.readAllBytes(blob);
        b[b.length / 2] ^= 0x55;
        Files.write(blob, b);
        long servedBefore = hub.bytesServed();

        RepairPlan plan = new RepairPlanner(false).plan(verify(cache).findings());
        assertEquals(List.of(Kind.FETCH_BLOB), plan.actions().stream().map(RepairAction::kind).toList());
        var result = new RepairOperation(plan, Optional.of(client()), BandwidthLimit.NONE)
                .run(ProgressListener.NONE, Cancellation.create());

        assertTrue(result.complete(), result.toString());
        assertEquals(WEIGHTS.length, hub.bytesServed() - servedBefore, "the blob was downloaded again");
        assertTrue(Files.isSymbolicLink(entry), "the snapshot entry is still a link");
        assertEquals(link, Files.readSymbolicLink(entry));
        assertArrayEquals(WEIGHTS, Files.readAllBytes(blob));
        assertEquals(List.of(), verify(cache).findings());
    }
}
