package dev.modelkeeper.core.download;

import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of a blob come from. The Hub (or a mirror) is one source ({@link HubBlobSource}); a team
 * store is another; {@link ChainedBlobSource} asks several in order. Everything that makes a download safe
 * stays above this seam, in one place ({@link BlobFetcher}, {@link RangedFetch}): the blob's lock, the
 * partial file, resuming, the bandwidth cap, and the hash check before a blob lands. A source only opens
 * byte streams.
 */
public interface BlobSource {

    /** An open stream of a blob's bytes; closing it ends the request. */
    interface Stream extends AutoCloseable {
        InputStream body();

        /** True for an answer holding the asked range; false when the source sent the whole file from 0. */
        boolean partial();

        /** The file offset of the body's first byte (0 unless {@link #partial}). */
        long start();

        /** True when the bytes start at the asked offset (a resumed stream). */
        boolean resumed();

        @Override
        void close() throws IOException;
    }

    /** For messages and for counting where bytes came from: "huggingface.co", "hf-mirror.com", "team store". */
    String name();

    /**
     * Opens bytes {@code from} to {@code last} inclusive ({@code last < 0}: to the end). A source that does
     * not hold the file answers {@link HubException.Kind#ENTRY_NOT_FOUND} (or REPO_NOT_FOUND), so a chain
     * can ask the next one.
     */
    Stream open(BlobRequest blob, long from, long last, Cancellation cancel) throws HubException, CancelledException;

    /** The size of the file when the request does not know it (a repair from a listing without sizes). */
    long sizeOf(BlobRequest blob, Cancellation cancel) throws HubException, CancelledException;

    /** How to wait before trying this source again. */
    RetryPolicy retryPolicy();
}
