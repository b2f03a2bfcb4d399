package dev.modelkeeper.core.team;

import dev.modelkeeper.core.download.BlobRequest;
import dev.modelkeeper.core.download.BlobSource;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** A source that counts the bytes it hands over, so a pull can say how many came from where. */
final class CountingSource implements BlobSource {

    private final BlobSource source;
    private final AtomicLong count = new AtomicLong();

    CountingSource(BlobSource source) {
        this.source = source;
    }

    long bytes() {
        return count.get();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public Stream open(BlobRequest blob, long from, long last, Cancellation cancel)
            throws HubException, CancelledException {
        Stream s = source.open(blob, from, last, cancel);
        InputStream counted = new FilterInputStream(s.body()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count.addAndGet(n);
                }
                return n;
            }
        };
        return new Stream() {
            @Override
            public InputStream body() {
                return counted;
            }

            @Override
            public boolean partial() {
                return s.partial();
            }

            @Override
            public long start() {
                return s.start();
            }

            @Override
            public boolean resumed() {
                return s.resumed();
            }

            @Override
            public void close() throws IOException {
                s.close();
            }
        };
    }

    @Override
    public long sizeOf(BlobRequest blob, Cancellation cancel) throws HubException, CancelledException {
        return source.sizeOf(blob, cancel);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return source.retryPolicy();
    }
}
