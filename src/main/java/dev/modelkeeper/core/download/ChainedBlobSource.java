package dev.modelkeeper.core.download;

import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Several sources asked in order (a team store first, then the endpoint): the first that holds a blob
 * serves it, and keeps serving it for the rest of the download (its pieces, its resumes), so one blob's
 * bytes never mix sources. A source that lacks the blob answers not-found and the next one is asked;
 * any other failure is reported as it is.
 */
public final class ChainedBlobSource implements BlobSource {

    private final List<BlobSource> sources;
    private final Map<String, BlobSource> serving = new ConcurrentHashMap<>();

    public ChainedBlobSource(List<BlobSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a chain needs a source");
        }
        this.sources = List.copyOf(sources);
    }

    @Override
    public String name() {
        return String.join(", then ", sources.stream().map(BlobSource::name).toList());
    }

    /** The source that served {@code etag}, if one has. */
    public java.util.Optional<String> servedBy(String etag) {
        return java.util.Optional.ofNullable(serving.get(etag)).map(BlobSource::name);
    }

    @Override
    public Stream open(BlobRequest blob, long from, long last, Cancellation cancel)
            throws HubException, CancelledException {
        BlobSource known = serving.get(blob.etag());
        if (known != null) {
            return known.open(blob, from, last, cancel);
        }
        HubException lacking = null;
        for (BlobSource s : sources) {
            try {
                Stream stream = s.open(blob, from, last, cancel);
                serving.put(blob.etag(), s);
                return stream;
            } catch (HubException e) {
                if (!isMissing(e)) {
                    throw e;
                }
                lacking = lacking == null ? e : lacking;
            }
        }
        throw lacking;
    }

    @Override
    public long sizeOf(BlobRequest blob, Cancellation cancel) throws HubException, CancelledException {
        HubException lacking = null;
        for (BlobSource s : sources) {
            try {
                return s.sizeOf(blob, cancel);
            } catch (HubException e) {
                if (!isMissing(e)) {
                    throw e;
                }
                lacking = lacking == null ? e : lacking;
            }
        }
        throw lacking;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return sources.getLast().retryPolicy();
    }

    private static boolean isMissing(HubException e) {
        return e.kind() == HubException.Kind.ENTRY_NOT_FOUND || e.kind() == HubException.Kind.REPO_NOT_FOUND
                || e.kind() == HubException.Kind.REVISION_NOT_FOUND;
    }
}
