package dev.modelkeeper.core.hub;

import java.io.IOException;
import java.io.InputStream;
import okhttp3.Response;

/**
 * An open file download. {@link #resumed()} is false when the server ignored the Range and sent the
 * whole file (200): the caller must then discard what it already had. Closing ends the request.
 */
public final class Download implements AutoCloseable {

    private final Response response;
    private final AutoCloseable cancelHook;
    private final long from;

    Download(Response response, AutoCloseable cancelHook, long from) {
        this.response = response;
        this.cancelHook = cancelHook;
        this.from = from;
    }

    public InputStream body() {
        return response.body().byteStream();
    }

    /** True when the bytes start at the requested offset (206), false when they start at 0. */
    public boolean resumed() {
        return from > 0 && response.code() == 206;
    }

    /** True for a 206 answer: the body is the requested range, not the whole file. */
    public boolean partial() {
        return response.code() == 206;
    }

    /**
     * The file offset of the body's first byte: the start of the {@code Content-Range} of a 206, else 0 (a
     * 200 is the whole file, whatever was asked).
     */
    public long start() {
        if (response.code() != 206) {
            return 0;
        }
        String range = response.header("Content-Range", "");
        var m = java.util.regex.Pattern.compile("bytes (\\d+)-").matcher(range);
        return m.lookingAt() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Bytes the body will deliver, or -1 when the server did not say. */
    public long contentLength() {
        return response.body().contentLength();
    }

    @Override
    public void close() throws IOException {
        response.close();
        try {
            cancelHook.close();
        } catch (Exception ignored) {
            // removing a hook cannot fail in a way that matters
        }
    }
}
