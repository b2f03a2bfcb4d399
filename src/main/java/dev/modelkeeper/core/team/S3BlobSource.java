package dev.modelkeeper.core.team;

import dev.modelkeeper.core.download.BlobRequest;
import dev.modelkeeper.core.download.BlobSource;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Message;
import java.io.IOException;
import java.io.InputStream;

/**
 * The team store as a {@link BlobSource}: {@code GET blobs/<etag>} with a range. It only opens streams; the
 * lock, the partial file, resuming and the hash check before a blob lands stay in the download machinery, so a
 * blob whose bytes do not match its name never lands. A blob the store lacks is "entry not found", so a
 * {@code ChainedBlobSource} asks the next source (the Hub).
 */
public final class S3BlobSource implements BlobSource {

    private final TeamStore store;
    private final RetryPolicy retry;

    public S3BlobSource(TeamStore store, RetryPolicy retry) {
        this.store = store;
        this.retry = retry;
    }

    @Override
    public String name() {
        return new Message(StoreConfig.BUNDLE, "team.source.name", store.config().address()).toString();
    }

    @Override
    public Stream open(BlobRequest blob, long from, long last, Cancellation cancel)
            throws HubException, CancelledException {
        cancel.throwIfCancelled();
        InputStream body;
        try {
            body = store.open(store.keys().blob(blob.etag()), from, last);
        } catch (TeamStoreException e) {
            throw asHub(e);
        }
        AutoCloseable hook = cancel.onCancel(() -> closeQuietly(body)); // a blocked read ignores interrupts
        return new StoreStream(body, from, hook);
    }

    @Override
    public long sizeOf(BlobRequest blob, Cancellation cancel) throws HubException, CancelledException {
        cancel.throwIfCancelled();
        try {
            var size = store.size(store.keys().blob(blob.etag()));
            if (size.isEmpty()) {
                throw asHub(new TeamStoreException(TeamStoreException.Kind.NOT_FOUND, 404,
                        new Message(StoreConfig.BUNDLE, "team.error.notFound", blob.etag()), null));
            }
            return size.getAsLong();
        } catch (TeamStoreException e) {
            throw asHub(e);
        }
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retry;
    }

    static HubException asHub(TeamStoreException e) {
        HubException.Kind kind = switch (e.kind()) {
            case NOT_FOUND -> HubException.Kind.ENTRY_NOT_FOUND;
            case UNREACHABLE -> HubException.Kind.NETWORK;
            case ACCESS_DENIED, NO_BUCKET, WRONG_REGION, CLOCK_SKEW -> HubException.Kind.FORBIDDEN;
            case INVALID -> HubException.Kind.INVALID_ANSWER;
            default -> e.status() >= 500 ? HubException.Kind.SERVER_ERROR : HubException.Kind.UNEXPECTED;
        };
        return new HubException(kind, e.status(), e.sentence(), e);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing only ends the request
        }
    }

    /** A ranged answer: S3 always answers the asked range. */
    private record StoreStream(InputStream body, long start, AutoCloseable hook) implements Stream {
        @Override
        public boolean partial() {
            return start > 0;
        }

        @Override
        public boolean resumed() {
            return true;
        }

        @Override
        public void close() throws IOException {
            closeQuietly(hook);
            body.close();
        }
    }
}
