package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file over 4 GiB (offsets past 32 bits everywhere), streamed by the test Hub, fetched in ranged pieces. */
class HugeFileTest {

    private static final long SIZE = (4L << 30) + 123_457;
    @TempDir
    Path cache;
    private HubEmulator hub;
    private FixtureRepo repo;
    private String commit;

    @BeforeEach
    void start() throws Exception {
        repo = FixtureRepo.model("org/huge");
        commit = repo.commit(1);
        repo.file(commit, "config.json", "{}").hugeFile(commit, "model.safetensors", SIZE).ref("main", commit);
        hub = new HubEmulator().add(repo);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void download(Cancellation cancel, ProgressListener progress) throws Exception {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(5, d -> { }));
        new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/huge", "main", List.of(), List.of(),
                cache, false), 2).run(progress, cancel);
    }

    @Test
    void aFileOverFourGibDownloadsResumesAndHashes() throws Exception {
        var cancel = Cancellation.create();
        long stopAt = 2L << 30; // halfway: the resume then writes every piece past the 32-bit boundary
        boolean cancelled = false;
        try {
            download(cancel, new ProgressListener() {
                @Override
                public void progress(long done, long total) {
                    if (done > stopAt) {
                        cancel.cancel();
                    }
                }
            });
        } catch (CancelledException expected) {
            cancelled = true;
        }
        String etag = repo.files(commit).get("model.safetensors").etag();
        assertTrue(cancelled && !Files.exists(new HubLayout(cache, RepoType.MODEL, "org/huge").blob(etag)),
                "the first run stopped half-way");
        long servedBefore = hub.bytesServed();

        download(Cancellation.create(), ProgressListener.NONE);

        Path blob = new HubLayout(cache, RepoType.MODEL, "org/huge").blob(etag);
        assertEquals(SIZE, Files.size(blob));
        assertTrue(hub.bytesServed() - servedBefore < SIZE * 3 / 4, "the resume fetched only what was missing: "
                + (hub.bytesServed() - servedBefore));
        var md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(blob)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        assertEquals(etag, HexFormat.of().formatHex(md.digest()), "read back independently");
    }
}
