package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import java.util.Map;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.hub.HubToken;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repo whose files the user may not fetch is found out before anything is written to the cache. */
class DownloadAccessTest {

    @TempDir
    Path dir;
    private Path cache;
    private HubEmulator hub;

    @BeforeEach
    void start() throws Exception {
        cache = dir.resolve("hub");
        var repo = FixtureRepo.model("org/gated");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{}").lfsFile(c, "model.safetensors", new byte[300_000]).ref("main", c);
        // as on huggingface.co: the listing is public, the files need a token with access
        hub = new HubEmulator().withCdn().add(repo).gateFiles("models", "org/gated", "hf_granted");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private DownloadPlan download(boolean dryRun, String token) throws Exception {
        return download(dryRun, token, List.of());
    }

    private DownloadPlan download(boolean dryRun, String token, List<String> include) throws Exception {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), true),
                HubToken.resolve(new Environment(Map.of(), dir.resolve("home"), Environment.Os.LINUX),
                        dir.resolve("home"), token), RetryPolicy.standard());
        var request = new DownloadRequest(RepoType.MODEL, "org/gated", "main", include, List.of(), cache, dryRun);
        return new DownloadOperation(client, request, 2).run(ProgressListener.NONE, Cancellation.create());
    }

    @Test
    void thePreviewOfAGatedRepoSaysItIsGated() {
        var e = assertThrows(HubException.class, () -> download(true, null));

        assertEquals(HubException.Kind.GATED, e.kind());
        assertTrue(e.getMessage().contains(hub.url() + "/org/gated"), e.getMessage());
    }

    @Test
    void aRefusedDownloadLeavesNoRepoFolderBehind() throws Exception {
        assertThrows(HubException.class, () -> download(false, null));

        assertFalse(Files.exists(cache.resolve("models--org--gated")), "no empty repo folder");
    }

    @Test
    void aDownloadThatFetchedNothingRemovesTheFolderItCreated() throws Exception {
        hub.damageNext(HubEmulator.BodyFault.CORRUPT);

        assertThrows(OperationException.class, () -> download(false, "hf_granted", List.of("model.safetensors")));

        assertFalse(Files.exists(cache.resolve("models--org--gated")), "refs, tree and empty folders removed");
    }

    @Test
    void aFolderThatWasThereBeforeIsLeftAsItIs() throws Exception {
        Files.createDirectories(cache.resolve("models--org--gated/blobs"));
        hub.damageNext(HubEmulator.BodyFault.CORRUPT);

        assertThrows(OperationException.class, () -> download(false, "hf_granted", List.of("model.safetensors")));

        assertTrue(Files.isDirectory(cache.resolve("models--org--gated/blobs")));
    }

    @Test
    void withAccessThePreviewAndTheDownloadGoThrough() throws Exception {
        assertEquals(2, download(true, "hf_granted").files().size());
        download(false, "hf_granted");
        assertTrue(Files.exists(cache.resolve("models--org--gated/snapshots")));
    }
}
