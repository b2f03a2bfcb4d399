package dev.modelkeeper.testing.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The second host LFS downloads are redirected to. Like a pre-signed storage URL it refuses any
 * request that carries an {@code Authorization} header, so a test passes only if the token stayed home.
 */
final class Cdn implements AutoCloseable {

    private final HttpServer server;
    private final HubEmulator hub;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final ResetProxy proxy;

    /** With {@code resetting}, clients reach the CDN through a {@link ResetProxy}. */
    Cdn(HubEmulator hub, boolean resetting) throws IOException {
        this.hub = hub;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().factory()));
        server.createContext("/", this::handle);
        server.start();
        proxy = resetting ? new ResetProxy(server.getAddress().getPort()) : null;
    }

    ResetProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("create the emulator withResettingCdn()");
        }
        return proxy;
    }

    /** The pre-signed URL of a file; served by content hash. */
    String urlFor(FixtureRepo.File file) {
        objects.put(file.etag(), file.content());
        int port = proxy != null ? proxy.port() : server.getAddress().getPort();
        return "http://localhost:" + port + "/lfs/" + file.etag() + "?X-Signature=abc";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestHeaders().containsKey("Authorization")) {
                HubEmulator.send(ex, 400, "text/plain", "Only one auth mechanism allowed".getBytes());
                return;
            }
            byte[] content = objects.get(ex.getRequestURI().getPath().substring("/lfs/".length()));
            if (content == null) {
                HubEmulator.send(ex, 404, "text/plain", new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("Accept-Ranges", "bytes");
            ResolveHandler.sendBytes(ex, content, hub);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // closing a listening socket
            }
        }
    }
}
