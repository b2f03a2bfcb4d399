package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the safety review found in downloads: empty files, links planted in the cache, the tree listing. */
class DownloadSafetyTest {

    private static final byte[] WEIGHTS = new byte[300_000];
    @TempDir
    Path world;
    private Path cache;
    private HubEmulator hub;
    private String main;
    private HubLayout layout;

    static {
        new Random(5).nextBytes(WEIGHTS);
    }

    @BeforeEach
    void start() throws Exception {
        cache = world.resolve("cache");
        var repo = FixtureRepo.model("org/name");
        main = repo.commit(1);
        repo.file(main, "pkg/__init__.py", "").file(main, ".gitkeep", "").file(main, "config.json", "{}")
                .lfsFile(main, "model.safetensors", WEIGHTS).ref("main", main);
        hub = new HubEmulator().add(repo);
        layout = new HubLayout(cache, RepoType.MODEL, "org/name");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private DownloadPlan download(List<String> include) throws OperationException {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(5, d -> { }));
        return new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/name", "main", include, List.of(),
                cache, false), 4).run(ProgressListener.NONE, Cancellation.create());
    }

    @Test
    void emptyFilesDownloadAsEmptyBlobs() throws Exception {
        download(List.of());

        Path init = layout.pointer(main, "pkg/__init__.py");
        assertTrue(Files.isSymbolicLink(init));
        assertEquals(0, Files.size(init));
        assertEquals(0, Files.size(layout.pointer(main, ".gitkeep")));
        assertTrue(Files.exists(layout.blob(CacheFixture.gitSha1(new byte[0]))));
    }

    @Test
    void aPartialFileThatIsALinkIsReplacedNotWrittenThrough() throws Exception {
        Path victim = world.resolve("victim.txt");
        Files.writeString(victim, "precious");
        String sha = CacheFixture.sha256(WEIGHTS);
        Files.createDirectories(layout.repo().resolve("blobs"));
        Files.createSymbolicLink(layout.incomplete(sha), victim);

        download(List.of());

        assertEquals("precious", Files.readString(victim), "the link's target is untouched");
        assertTrue(Files.isRegularFile(layout.blob(sha), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(sha, CacheFixture.sha256(Files.readAllBytes(layout.blob(sha))));
    }

    @Test
    void aLockFileThatIsALinkCreatesNothingOutside() throws Exception {
        String sha = CacheFixture.sha256(WEIGHTS);
        Path lock = cache.resolve(".locks/models--org--name/" + sha + ".lock");
        Files.createDirectories(lock.getParent());
        Path elsewhere = world.resolve("created-by-a-link.lock");
        Files.createSymbolicLink(lock, elsewhere);

        var e = assertThrows(OperationException.class, () -> download(List.of()));

        assertFalse(Files.exists(elsewhere), "no file created through the link");
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void aFilteredDownloadRecordsTheWholeListingAsTheOfficialClientDoes() throws Exception {
        download(List.of("config.json"));

        var files = new ObjectMapper().readTree(layout.tree(main).toFile()).path("files");
        assertEquals(4, files.size(), files.toString());
        assertTrue(files.has("model.safetensors"));
    }

    @Test
    void anEmptyOrBrokenListingFileIsWrittenAgain() throws Exception {
        Files.createDirectories(layout.tree(main).getParent());
        Files.writeString(layout.tree(main), "");

        download(List.of("config.json"));

        assertEquals(4, new ObjectMapper().readTree(layout.tree(main).toFile()).path("files").size());
    }

    @Test
    void bytesLeftByAnInterruptedDownloadAreNotCountedAsToFetch() throws Exception {
        String sha = CacheFixture.sha256(WEIGHTS);
        Files.createDirectories(layout.repo().resolve("blobs"));
        Files.write(layout.incomplete(sha), java.util.Arrays.copyOf(WEIGHTS, 100_000));

        var plan = download(List.of("model.safetensors"));

        assertEquals(WEIGHTS.length - 100_000, plan.bytesToFetch());
        assertEquals(WEIGHTS.length - 100_000, hub.bytesServed());
    }

    @Test
    void waitingForAnotherProgramsLockIsSaid() throws Exception {
        String sha = CacheFixture.sha256(WEIGHTS);
        Path lock = cache.resolve(".locks/models--org--name/" + sha + ".lock");
        var messages = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(5, d -> { }));
        var op = new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "org/name", "main",
                List.of("model.safetensors"), List.of(), cache, false), 1);
        var held = dev.modelkeeper.core.fs.FileLocks.tryLock(lock).orElseThrow();
        {
            var done = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    op.run(new ProgressListener() {
                        @Override
                        public void message(String text) {
                            messages.add(text);
                        }
                    }, Cancellation.create());
                } catch (OperationException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 300 && messages.stream().noneMatch(m -> m.contains("waiting")); i++) {
                Thread.sleep(20);
            }
            assertTrue(messages.stream().anyMatch(m -> m.contains("model.safetensors: another program is downloading")),
                    messages.toString());
            held.close();
            done.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(layout.blob(sha)));
    }
}
