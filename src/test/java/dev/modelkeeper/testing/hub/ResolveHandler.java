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
        byte[] content = file.content();
        h.set("X-Repo-Commit", commit);
        h.set("Accept-Ranges", "bytes");
        h.set("Content-Type", "application/octet-stream");
        if (file.lfs()) {
            h.set("X-Linked-Etag", "\"" + file.etag() + "\"");
            h.set("X-Linked-Size", String.valueOf(content.length));
            h.set("ETag", "\"" + file.gitOid() + "\"");
        } else {
            h.set("ETag", "\"" + file.etag() + "\"");
        }
        if (file.lfs() && hub.cdn() != null) {
            // the Hub answers LFS files with a redirect to a pre-signed CDN URL, metadata on the 302
            h.set("Location", hub.cdn().urlFor(file));
            ex.sendResponseHeaders(302, -1);
            return;
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            h.set("Content-Length", String.valueOf(content.length));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        sendBytes(ex, content, hub);
    }

    /** The body of a GET with an optional {@code Range: bytes=N-}: 200, 206 or 416. */
    static void sendBytes(HttpExchange ex, byte[] content, HubEmulator hub) throws IOException {
        var h = ex.getResponseHeaders();
        long from = rangeStart(ex.getRequestHeaders().getFirst("Range"));
        if (from >= content.length && content.length > 0) {
            h.set("Content-Range", "bytes */" + content.length);
            ex.sendResponseHeaders(416, -1);
            return;
        }
        int start = (int) Math.max(0, from);
        int length = content.length - start;
        if (from > 0) {
            h.set("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        var fault = length > 1 ? hub.takeBodyFault() : null;
        int announced = fault == HubEmulator.BodyFault.TRUNCATE ? length / 2 : length;
        ex.sendResponseHeaders(from > 0 ? 206 : 200, announced == 0 ? -1 : announced);
        byte[] body = java.util.Arrays.copyOfRange(content, start, start + length);
        if (fault == HubEmulator.BodyFault.CORRUPT) {
            body[body.length / 2] ^= 0x5a;
        }
        int sent = fault == HubEmulator.BodyFault.TRUNCATE ? body.length / 2
                : fault == HubEmulator.BodyFault.STALL ? Math.min(10, body.length) : body.length;
        try (OutputStream out = ex.getResponseBody()) {
            write(out, body, sent, hub);
            if (fault == HubEmulator.BodyFault.STALL) {
                out.flush();
                sleepQuietly(30_000);
            }
        } catch (IOException closedEarly) {
            // a truncated body: the exchange fails to complete, which is the point
        }
    }

    /** Writes in 64 KiB pieces, counting each as it goes out, pausing to stay under the rate if one is set. */
    private static void write(OutputStream out, byte[] body, int length, HubEmulator hub) throws IOException {
        int piece = 64 * 1024;
        long rate = hub.bytesPerSecond();
        for (int off = 0; off < length; off += piece) {
            int n = Math.min(piece, length - off);
            out.write(body, off, n);
            hub.countBytes(n);
            if (rate > 0) {
                out.flush();
                sleepQuietly(piece * 1000L / rate);
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

    /** {@code bytes=N-} gives N; anything else (or none) gives 0. */
    private static long rangeStart(String range) {
        if (range == null || !range.startsWith("bytes=")) {
            return 0;
        }
        String spec = range.substring("bytes=".length());
        int dash = spec.indexOf('-');
        return dash > 0 ? Long.parseLong(spec.substring(0, dash)) : 0;
    }
}
