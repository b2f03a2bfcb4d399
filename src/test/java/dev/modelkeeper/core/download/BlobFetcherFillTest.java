package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BlobFetcherFillTest {

    /** Hands out {@code before} bytes, then fails as a stream closed by a pause does. */
    private static InputStream breakingAfter(int before) {
        return new InputStream() {
            private int left = before;

            @Override
            public int read() throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    throw new IOException("closed");
                }
                int n = Math.min(Math.min(len, 8192), left);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void bytesReadBeforeTheStreamBreaksAreHandedOverNotLost() throws Exception {
        var in = breakingAfter(100_000);
        byte[] buf = new byte[1 << 20];

        assertEquals(100_000, BlobFetcher.fill(in, buf, buf.length));
        assertThrows(IOException.class, () -> BlobFetcher.fill(in, buf, buf.length));
    }
}
