package dev.modelkeeper.testing.hub;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;

/** HEAD and GET on {@code /{prefix}{id}/resolve/{rev}/{path}}, with ranges. */
final class ResolveHandler {

    private static final Set<String> TYPE_PREFIXES = Set.of("datasets", "spaces", "kernels");

    private final HubEmulator hub;

    ResolveHandler(HubEmulator hub) {
        this.hub = hub;
    }

    void handle(HttpExchange ex, List<String> seg) throws IOException {
        int resolve = seg.indexOf("resolve");
        boolean typed = TYPE_PREFIXES.contains(seg.getFirst());
        String type = typed ? seg.getFirst() : "models";
        String id = String.join("/", seg.subList(typed ? 1 : 0, resolve));
        String rev = resolve + 1 < seg.size() ? seg.get(resolve + 1) : "";
        var newId = hub.renamedTo(type, id);
        if (newId.isPresent()) {
            String raw = ex.getRequestURI().getRawPath();
            String prefix = typed ? "/" + type + "/" : "/";
            ex.getResponseHeaders().set("Location", prefix + newId.get() + raw.substring(raw.indexOf("/resolve/")));
            ex.sendResponseHeaders(307, -1);
            return;
        }
        var found = hub.resolve(ex, type, id, rev);
        if (found.isEmpty()) {
            return;
        }
        String commit = found.get().commit();
        String path = String.join("/", seg.subList(Math.min(resolve + 2, seg.size()), seg.size()));
        var file = found.get().repo().files(commit).get(path);
        if (file == null) {
            HubEmulator.error(ex, 404, "EntryNotFound", path + " does not exist on \"" + rev + "\"", commit);
            return;
        }
        serve(ex, commit, file);
    }

    private void serve(HttpExchange ex, String commit, FixtureRepo.File file) throws IOException {
        var h = ex.getResponseHeaders();
        long size = file.size();
        h.set("X-Repo-Commit", commit);
        h.set("Accept-Ranges", "bytes");
        h.set("Content-Type", "application/octet-stream");
        if (file.lfs()) {
            h.set("X-Linked-Etag", "\"" + file.etag() + "\"");
            h.set("X-Linked-Size", String.valueOf(size));
            h.set("ETag", "\"" + file.gitOid() + "\"");
        } else {
            h.set("ETag", "\"" + file.etag() + "\"");
        }
        if (file.lfs() && hub.cdn() != null && file.generated() == null) {
            // the Hub answers LFS files with a redirect to a pre-signed CDN URL, metadata on the 302
            h.set("Location", hub.cdn().urlFor(file));
            ex.sendResponseHeaders(302, -1);
            return;
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            h.set("Content-Length", String.valueOf(size));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        if (file.generated() != null) {
            sendGenerated(ex, file.generated(), hub);
            return;
        }
        sendBytes(ex, file.content(), hub);
    }

    /** A generated file, streamed: the same ranges as {@link #sendBytes}, with offsets past 4 GiB. */
    static void sendGenerated(HttpExchange ex, Generated g, HubEmulator hub) throws IOException {
        var h = ex.getResponseHeaders();
        String header = hub.ignoresRanges() ? null : ex.getRequestHeaders().getFirst("Range");
        long from = 0;
        long to = g.size() - 1;
        boolean partial = false;
        if (header != null && header.startsWith("bytes=") && header.indexOf('-') > "bytes=".length()) {
            String spec = header.substring("bytes=".length());
            int dash = spec.indexOf('-');
            from = Long.parseLong(spec.substring(0, dash));
            String end = spec.substring(dash + 1);
            to = end.isEmpty() ? to : Math.min(to, Long.parseLong(end));
            partial = true;
        }
        if (from >= g.size()) {
            h.set("Content-Range", "bytes */" + g.size());
            ex.sendResponseHeaders(416, -1);
            return;
        }
        if (partial) {
            h.set("Content-Range", "bytes " + from + "-" + to + "/" + g.size());
        }
        ex.sendResponseHeaders(partial ? 206 : 200, to - from + 1);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = ex.getResponseBody()) {
            for (long at = from; at <= to; ) {
                int n = (int) Math.min(buf.length, to - at + 1);
                g.read(at, buf, n);
                out.write(buf, 0, n);
                hub.countBytes(n);
                at += n;
            }
        } catch (IOException hungUp) {
            // the client cancelled or reset
        }
    }

    /** The body of a GET with an optional {@code Range: bytes=N-} or {@code bytes=N-M}: 200, 206 or 416. */
    static void sendBytes(HttpExchange ex, byte[] content, HubEmulator hub) throws IOException {
        var h = ex.getResponseHeaders();
        long[] range = range(hub.ignoresRanges() ? null : ex.getRequestHeaders().getFirst("Range"), content.length);
        long from = range[0];
        if (from >= content.length && content.length > 0) {
            h.set("Content-Range", "bytes */" + content.length);
            ex.sendResponseHeaders(416, -1);
            return;
        }
        boolean partial = range[2] == 1;
        int start = (int) from;
        int length = (int) (range[1] - from + 1);
        if (partial) {
            h.set("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + content.length);
        }
        var fault = length > 1 ? hub.takeBodyFault() : null;
        int announced = fault == HubEmulator.BodyFault.TRUNCATE ? length / 2 : length;
        ex.sendResponseHeaders(partial ? 206 : 200, announced == 0 ? -1 : announced);
        byte[] body = content;
        if (fault == HubEmulator.BodyFault.CORRUPT) {
            body = content.clone();
            body[start + length / 2] ^= 0x5a;
        }
        int sent = fault == HubEmulator.BodyFault.TRUNCATE ? length / 2
                : fault == HubEmulator.BodyFault.STALL ? Math.min(10, length) : length;
        try (OutputStream out = ex.getResponseBody()) {
            write(out, body, start, sent, hub);
            if (fault == HubEmulator.BodyFault.STALL) {
                out.flush();
                sleepQuietly(30_000);
            }
        } catch (IOException closedEarly) {
            // a truncated body or a client that hung up: the exchange fails to complete
        }
    }

    /** Writes in 64 KiB pieces, counting each as it goes out, paced to stay under the rate if one is set. */
    private static void write(OutputStream out, byte[] body, int start, int length, HubEmulator hub)
            throws IOException {
        int piece = 64 * 1024;
        long rate = hub.bytesPerSecond();
        long began = System.nanoTime();
        for (int off = start; off < start + length; off += piece) {
            int n = Math.min(piece, start + length - off);
            out.write(body, off, n);
            hub.countBytes(n);
            if (rate > 0) {
                out.flush();
                long due = began + (off + n - start) * 1_000_000_000L / rate;
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {first, last, partial} for a {@code Range} header against a body of {@code size} bytes: {@code bytes=N-}
     * and {@code bytes=N-M} (M clamped to the end) are partial; anything else (or none) is the whole body.
     */
    private static long[] range(String header, int size) {
        long last = Math.max(0, size - 1L);
        if (header == null || !header.startsWith("bytes=")) {
            return new long[] {0, last, 0};
        }
        String spec = header.substring("bytes=".length());
        int dash = spec.indexOf('-');
        if (dash <= 0) { // a suffix range (bytes=-N) is not used by the clients
            return new long[] {0, last, 0};
        }
        long first = Long.parseLong(spec.substring(0, dash));
        String end = spec.substring(dash + 1);
        long to = end.isEmpty() ? last : Math.min(last, Long.parseLong(end));
        boolean partial = first > 0 || !end.isEmpty();
        return new long[] {first, to, partial ? 1 : 0};
    }
}
