package dev.modelkeeper.core.download;

import dev.modelkeeper.core.hub.Download;
import dev.modelkeeper.core.hub.FileMetadata;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;

/** The Hub or a mirror as a {@link BlobSource}: {@code GET …/resolve/<commit>/<path>} with a Range. */
public final class HubBlobSource implements BlobSource {

    private final HubClient client;

    public HubBlobSource(HubClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return client.endpoint().url().host();
    }

    @Override
    public Stream open(BlobRequest blob, long from, long last, Cancellation cancel)
            throws HubException, CancelledException {
        var meta = new FileMetadata(blob.commit(), blob.etag(), blob.size(),
                client.resolveUrl(blob.type(), blob.repoId(), blob.commit(), blob.path()), null);
        return new HubStream(client.download(meta, from, last, cancel));
    }

    /** The Hub's answer as a source stream. */
    private record HubStream(Download download) implements Stream {
        @Override
        public java.io.InputStream body() {
            return download.body();
        }

        @Override
        public boolean partial() {
            return download.partial();
        }

        @Override
        public long start() {
            return download.start();
        }

        @Override
        public boolean resumed() {
            return download.resumed();
        }

        @Override
        public void close() throws java.io.IOException {
            download.close();
        }
    }

    @Override
    public long sizeOf(BlobRequest blob, Cancellation cancel) throws HubException, CancelledException {
        return client.fileMetadata(blob.type(), blob.repoId(), blob.commit(), blob.path(), cancel).size();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return client.retryPolicy();
    }
}
