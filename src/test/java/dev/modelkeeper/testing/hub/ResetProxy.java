package dev.modelkeeper.testing.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a test server that can reset connections: once armed, the next connections
 * are cut with a TCP RST (SO_LINGER 0) after passing a number of response bytes, which is what a
 * client sees when a proxy, NAT or CDN edge drops it. The JDK's HTTP server cannot do this itself.
 */
public final class ResetProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger resetsLeft = new AtomicInteger();
    private final AtomicLong resetAfter = new AtomicLong();
    private final AtomicInteger resetsDone = new AtomicInteger();
    private final AtomicLong relayed = new AtomicLong();

    public ResetProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("reset-proxy").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next {@code count} connections are reset after {@code afterBytes} bytes of response. */
    public void arm(int count, long afterBytes) {
        resetAfter.set(afterBytes);
        resetsLeft.set(count);
    }

    public int resetsDone() {
        return resetsDone.get();
    }

    /** Response bytes (headers included) handed to clients: what actually reached them. */
    long relayed() {
        return relayed.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                boolean reset = resetsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                long limit = reset ? resetAfter.get() : Long.MAX_VALUE;
                Thread.ofPlatform().daemon().start(() -> pump(client, upstream, Long.MAX_VALUE, false, null));
                Thread.ofPlatform().daemon().start(() -> pump(upstream, client, limit, reset, relayed));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies {@code from} to {@code to}; after {@code limit} bytes, resets {@code to} if asked. */
    private void pump(Socket from, Socket to, long limit, boolean reset, AtomicLong count) {
        byte[] buf = new byte[64 * 1024];
        long passed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                int allowed = (int) Math.min(n, limit - passed);
                out.write(buf, 0, allowed);
                out.flush();
                passed += allowed;
                if (count != null) {
                    count.addAndGet(allowed);
                }
                if (passed >= limit) {
                    if (reset) {
                        // give the client a moment to read what was relayed: a RST makes the receiving
                        // kernel drop unread data, and the test wants to see those bytes kept
                        sleepQuietly(100);
                        to.setSoLinger(true, 0); // close() now sends RST instead of FIN
                        resetsDone.incrementAndGet();
                    }
                    break;
                }
            }
        } catch (IOException ignored) {
            // the other side went away
        } finally {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
