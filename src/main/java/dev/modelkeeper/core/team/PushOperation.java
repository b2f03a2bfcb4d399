package dev.modelkeeper.core.team;

import static dev.modelkeeper.core.team.StoreConfig.BUNDLE;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.Verdict;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Puts one revision of a local hub cache into the team store: verifies it first (only intact files leave the
 * machine), uploads the blobs the store lacks, then the manifest, then the ref, in that order, so whoever reads
 * a ref finds its manifest and every blob it names. Blobs are created only if absent, so two pushers of the
 * same repo at once never overwrite each other and the store keeps one copy of each blob.
 */
public final class PushOperation implements Operation<PushResult> {

    private final TeamStore store;
    private final Path cache;
    private final RepoType type;
    private final String repoId;
    private final String revision;
    private final boolean dryRun;

    public PushOperation(TeamStore store, Path cache, RepoType type, String repoId, String revision, boolean dryRun) {
        this.store = store;
        this.cache = cache;
        this.type = type;
        this.repoId = repoId;
        this.revision = revision;
        this.dryRun = dryRun;
    }

    @Override
    public dev.modelkeeper.core.task.Message title() {
        return dev.modelkeeper.core.task.OperationTitles.of("store.push", repoId, revision);
    }

    @Override
    public PushResult run(ProgressListener progress, Cancellation cancel) throws OperationException {
        LocalRevision local = LocalRevision.read(cache, type, repoId, revision);
        verify(local, progress, cancel);
        int uploaded = 0;
        int present = 0;
        long bytes = 0;
        long total = 0;
        for (String etag : local.blobs().keySet()) {
            total += sizeOf(local, etag);
        }
        var done = new AtomicLong();
        for (Map.Entry<String, Path> blob : local.blobs().entrySet()) {
            cancel.throwIfCancelled();
            long size = sizeOf(local, blob.getKey());
            progress.message(new Message(BUNDLE, "team.progress.blob", blob.getKey()).toString());
            long before = done.get();
            long all = total;
            LongConsumer sent = n -> progress.progress(done.addAndGet(n), all);
            if (upload(blob.getKey(), blob.getValue(), size, sent, cancel)) {
                uploaded++;
                bytes += size;
            } else {
                present++;
            }
            done.set(before + size);
            progress.progress(done.get(), total);
        }
        // the manifest only once every blob it names is in the store, the ref only once its manifest is
        cancel.throwIfCancelled();
        if (!dryRun) {
            var manifest = new Manifest(type, repoId, local.commit(), local.files(), local.tree());
            store.replace(store.keys().manifest(type, repoId, local.commit()), manifest.toJson());
            cancel.throwIfCancelled();
            if (!revision.equals(local.commit())) {
                store.replace(store.keys().ref(type, repoId, revision), local.commit().getBytes(StandardCharsets.US_ASCII));
            }
        }
        return new PushResult(repoId, local.commit(), uploaded, bytes, present, local.files().size(), dryRun);
    }

    /** HEAD first; create if absent; a create that lost a race (412) counts if the winner's copy has the size. */
    private boolean upload(String etag, Path file, long size, LongConsumer sent, Cancellation cancel)
            throws OperationException {
        String key = store.keys().blob(etag);
        OptionalLong there = store.size(key);
        if (there.isPresent() && there.getAsLong() == size) {
            return false;
        }
        if (dryRun) {
            return true;
        }
        boolean created;
        try {
            created = there.isEmpty() && store.createFile(key, file, size, sent, cancel);
        } catch (TeamStoreException e) {
            cancel.throwIfCancelled(); // the upload was stopped: S3 keeps nothing of it
            throw e;
        }
        if (!created) {
            OptionalLong now = store.size(key);
            if (now.isPresent() && now.getAsLong() == size) {
                return false;
            }
            throw new TeamStoreException(TeamStoreException.Kind.INVALID, now.isPresent() ? 200 : 404, new Message(BUNDLE,
                    "team.error.blobSize", etag, store.config().address(), now.orElse(-1), size), null);
        }
        return true;
    }

    private static long sizeOf(LocalRevision local, String etag) {
        return local.files().stream().filter(f -> f.etag().equals(etag)).findFirst().orElseThrow().size();
    }

    private void verify(LocalRevision local, ProgressListener progress, Cancellation cancel) throws OperationException {
        List<Path> bad = new ArrayList<>();
        var listener = new VerifyListener() {
            @Override
            public void verdict(Path path, Verdict verdict) {
                if (verdict != Verdict.VERIFIED) {
                    bad.add(path);
                }
            }
        };
        var report = new VerifyOperation(VerifyScope.revision(local.root(), local.repoDir(), local.commit()),
                VerdictStore.inMemory(), listener).run(progress, cancel);
        if (!bad.isEmpty() || report.problemsRemain()) {
            throw new PushRefusedException(PushRefusedException.Reason.NOT_INTACT, new Message(BUNDLE,
                    "team.error.notVerified", repoId, revision, Math.max(1, bad.size())),
                    bad.isEmpty() ? local.repoDir() : bad.getFirst());
        }
    }
}
