package dev.modelkeeper.core.team;

import static dev.modelkeeper.core.team.StoreConfig.BUNDLE;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.download.BlobSource;
import dev.modelkeeper.core.download.ChainedBlobSource;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.download.HubBlobSource;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Fills a hub cache with a revision from the team store, exactly as a download from the Hub would (the same
 * locks, partial files, resume and hash check: the download machinery writes every blob). The revision and its
 * files come from the store's ref and manifest, so the Hub is not needed; with a Hub given, it serves only what
 * the store lacks.
 */
public final class PullOperation implements Operation<PullResult> {

    private final TeamStore store;
    private final Optional<HubClient> hub;
    private final DownloadRequest request;
    private final int parallelism;

    /** @param hub the Hub for blobs the store lacks; empty to use the store alone (offline) */
    public PullOperation(TeamStore store, Optional<HubClient> hub, DownloadRequest request, int parallelism) {
        this.store = store;
        this.hub = hub;
        this.request = request;
        this.parallelism = parallelism;
    }

    @Override
    public dev.modelkeeper.core.task.Message title() {
        return dev.modelkeeper.core.task.OperationTitles.of("store.pull", request.repoId(), request.revision());
    }

    @Override
    public PullResult run(ProgressListener progress, Cancellation cancel) throws OperationException {
        var fromStore = new CountingSource(new S3BlobSource(store, RetryPolicy.standard()));
        var fromHub = hub.map(h -> new CountingSource(new HubBlobSource(h)));
        BlobSource bytes = fromHub.<BlobSource>map(h -> new ChainedBlobSource(List.of(fromStore, h))).orElse(fromStore);
        var listing = new ManifestListing(store, request.cache(), hub.isPresent());
        try {
            DownloadPlan plan = new DownloadOperation(listing, bytes, request, parallelism, BandwidthLimit.NONE,
                    DownloadOperation.DEFAULT_CONNECTIONS_PER_FILE).run(progress, cancel);
            return new PullResult(request.repoId(), plan, fromStore.bytes(), fromHub.map(CountingSource::bytes).orElse(0L));
        } catch (OperationException e) {
            throw corruptBlob(e, listing, bytes).orElse(e);
        }
    }

    /** A blob the store served that did not land: its bytes did not match its name (the hash check refused it). */
    private Optional<OperationException> corruptBlob(OperationException e, ManifestListing listing, BlobSource bytes) {
        if (listing.manifest() == null || e.path().isEmpty()) {
            return Optional.empty();
        }
        var layout = new HubLayout(request.cache(), request.type(), request.repoId());
        String name = e.path().get().getFileName().toString();
        boolean fromStore = !(bytes instanceof ChainedBlobSource chain)
                || chain.servedBy(name).map(s -> s.equals(new S3BlobSource(store, null).name())).orElse(false);
        boolean named = listing.manifest().files().stream().anyMatch(f -> f.etag().equals(name));
        if (named && fromStore && e.path().get().equals(layout.blob(name)) && !Files.exists(layout.blob(name))) {
            return Optional.of(new TeamStoreException(TeamStoreException.Kind.INVALID, 0, new Message(BUNDLE,
                    "team.error.corruptBlob", name, store.config().address(), e.getMessage()), e));
        }
        return Optional.empty();
    }
}
