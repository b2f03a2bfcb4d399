package dev.modelkeeper.core.repair;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
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
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * A downloaded cache of {@code org/tts} (a config and a 400 kB weights file) served by a {@link HubEmulator},
 * with the weights blob damaged, in symlink or copy mode; for the repair kill, cancel and recovery tests.
 */
final class RepairBench implements AutoCloseable {

    static final byte[] WEIGHTS = new byte[400_000];

    static {
        new Random(21).nextBytes(WEIGHTS);
    }

    final Path cache;
    final HubEmulator hub;
    final HubLayout layout;
    final String commit;
    final String etag;
    final String configEtag;
    /** The damaged weights: what is on disk before the repair. */
    final byte[] damaged;
    /** The file holding the weights: the blob, or in copy mode the snapshot file. */
    final Path target;

    RepairBench(Path cache, boolean copyMode) throws Exception {
        this.cache = cache;
        var fixture = FixtureRepo.model("org/tts");
        commit = fixture.commit(1);
        fixture.file(commit, "config.json", "{\"v\":1}").lfsFile(commit, "model.safetensors", WEIGHTS)
                .ref("main", commit);
        hub = new HubEmulator().withCdn().add(fixture);
        new DownloadOperation(client(), new DownloadRequest(RepoType.MODEL, "org/tts", "main", List.of(), List.of(),
                cache, false), 2).run(ProgressListener.NONE, Cancellation.create());
        layout = new HubLayout(cache, RepoType.MODEL, "org/tts");
        etag = fixture.files(commit).get("model.safetensors").etag();
        configEtag = fixture.files(commit).get("config.json").etag();
        Path entry = layout.pointer(commit, "model.safetensors");
        if (copyMode) {
            Files.delete(entry);
            Files.move(layout.blob(etag), entry); // what the official client does without symlinks
        }
        target = copyMode ? entry : layout.blob(etag);
        byte[] b = Files.readAllBytes(target);
        b[b.length / 2] ^= 0x55;
        Files.write(target, b);
        damaged = b;
    }

    HubClient client() {
        return new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                new RetryPolicy(2, d -> { }));
    }

    VerifyReport verify() throws Exception {
        return new VerifyOperation(VerifyScope.root(CacheRoot.user(cache)), VerdictStore.inMemory(),
                VerifyListener.NONE, 2, Optional.empty()).run(ProgressListener.NONE, Cancellation.create());
    }

    /** Verifies, plans and repairs, as the CLI and the window do. */
    RepairResult repair(boolean online, boolean deleteOrphans, ProgressListener progress, Cancellation cancel)
            throws Exception {
        RepairPlan plan = new RepairPlanner(deleteOrphans).plan(verify().findings());
        return new RepairOperation(plan, online ? Optional.of(client()) : Optional.empty(), BandwidthLimit.NONE)
                .run(progress, cancel);
    }

    /** The weights as they are now: the damaged original, the good replacement, or null when gone. */
    byte[] weights() throws Exception {
        return Files.isRegularFile(target) ? Files.readAllBytes(target) : null;
    }

    /** Files Repair leaves while it works ({@code .repair-*}), anywhere in the repo folder. */
    List<Path> leftovers() throws Exception {
        try (Stream<Path> walk = Files.walk(layout.repo())) {
            return walk.filter(p -> p.getFileName().toString().contains(".repair-")).toList();
        }
    }

    @Override
    public void close() {
        hub.close();
    }
}
