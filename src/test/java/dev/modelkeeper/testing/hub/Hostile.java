package dev.modelkeeper.testing.hub;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a hostile or broken Hub or mirror answers, one scenario each, for one repo of a {@link HubEmulator}:
 * traversal in paths, oids and commit ids; absolute and backslash paths; endless and deeply nested JSON;
 * wrong types; negative and huge sizes; empty, short and overlong bodies; duplicate paths; redirect
 * loops and redirects to another host. Everything the scenario does not touch is served as usual.
 */
public final class Hostile {

    /** A named scenario. */
    public record Scenario(String name, HubEmulator.Interceptor interceptor) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final HubEmulator hub;
    private final FixtureRepo repo;
    private final String commit;
    private final Path outside;

    /** @param outside a folder outside the cache that a traversal aims at */
    public Hostile(HubEmulator hub, FixtureRepo repo, String commit, Path outside) {
        this.hub = hub;
        this.repo = repo;
        this.commit = commit;
        this.outside = outside;
    }

    public List<Scenario> all() {
        var s = new ArrayList<Scenario>();
        String abs = outside.resolve("evil").toAbsolutePath().toString();
        s.add(tree("path with ../", first(e -> e.put("path", "../../../outside/evil.txt"))));
        s.add(tree("absolute path", first(e -> e.put("path", abs))));
        s.add(tree("backslash path", first(e -> e.put("path", "..\\..\\..\\outside\\evil.txt"))));
        s.add(tree("empty path segment", first(e -> e.put("path", "a//evil.txt"))));
        s.add(tree("dot segment", first(e -> e.put("path", "./evil.txt"))));
        s.add(tree("oid with ../", first(e -> e.put("oid", "../../../../outside/evil"))));
        s.add(tree("lfs oid absolute", lfs(e -> e.put("lfs", Map.of("oid", abs, "size", 1)))));
        s.add(tree("oid not hex", first(e -> e.put("oid", "z".repeat(40)))));
        s.add(tree("size negative", first(e -> e.put("size", -5))));
        s.add(tree("size huge", first(e -> e.put("size", Long.MAX_VALUE))));
        s.add(tree("size as text", first(e -> e.put("size", "abc"))));
        s.add(tree("path as number", first(e -> e.put("path", 123))));
        s.add(tree("same path twice", listing -> listing.add(new LinkedHashMap<>(listing.getFirst()))));
        s.add(new Scenario("listing not a list", raw("/tree/", "{\"files\": []}")));
        s.add(new Scenario("listing not JSON", raw("/tree/", "<html>Bad gateway</html>")));
        s.add(new Scenario("listing nested 100000 deep", raw("/tree/", "[".repeat(100_000))));
        s.add(new Scenario("listing endless", this::endlessListing));
        s.add(new Scenario("listing pages loop", this::pageLoop));
        s.add(new Scenario("listing pages endless", this::endlessPages));
        s.add(new Scenario("commit with ../", info("\"../../../outside/evil\"")));
        s.add(new Scenario("commit missing", info(null)));
        s.add(new Scenario("commit as number", info("12345")));
        s.add(new Scenario("commit header with ../", header("X-Repo-Commit", "../../../outside/evil")));
        s.add(new Scenario("etag header with ../", header("X-Linked-Etag", "\"../../../outside/evil\"")));
        s.add(new Scenario("size header negative", header("X-Linked-Size", "-1")));
        s.add(new Scenario("empty bodies", body(Body.EMPTY)));
        s.add(new Scenario("short bodies", body(Body.SHORT)));
        s.add(new Scenario("always the first half, from 0", body(Body.FIRST_HALF)));
        s.add(new Scenario("longer bodies", body(Body.LONGER)));
        s.add(new Scenario("redirect loop", this::redirectLoop));
        s.add(new Scenario("redirect to another host", this::redirectElsewhere));
        return s;
    }

    private Scenario tree(String name, Consumer<List<Map<String, Object>>> change) {
        return new Scenario(name, ex -> {
            if (!isTree(ex)) {
                return false;
            }
            var listing = new ArrayList<Map<String, Object>>();
            repo.files(commit).values().forEach(f -> listing.add(new LinkedHashMap<>(ApiHandler.fileEntry(f))));
            change.accept(listing);
            HubEmulator.send(ex, 200, "application/json", HubEmulator.JSON.writeValueAsBytes(listing));
            return true;
        });
    }

    private static Consumer<List<Map<String, Object>>> first(Consumer<Map<String, Object>> change) {
        return listing -> change.accept(listing.getFirst());
    }

    private static Consumer<List<Map<String, Object>>> lfs(Consumer<Map<String, Object>> change) {
        return listing -> change.accept(listing.stream().filter(e -> e.containsKey("lfs")).findFirst().orElseThrow());
    }

    private boolean isTree(HttpExchange ex) {
        String p = ex.getRequestURI().getPath();
        return p.startsWith("/api/") && p.contains("/tree/");
    }

    private static boolean isInfo(HttpExchange ex) {
        String p = ex.getRequestURI().getPath();
        return p.startsWith("/api/") && p.contains("/revision/");
    }

    private static boolean isFile(HttpExchange ex) {
        return ex.getRequestURI().getPath().contains("/resolve/");
    }

    private HubEmulator.Interceptor raw(String where, String body) {
        return ex -> {
            if (!ex.getRequestURI().getPath().contains(where)) {
                return false;
            }
            HubEmulator.send(ex, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
            return true;
        };
    }

    private HubEmulator.Interceptor info(String sha) {
        return ex -> {
            if (!isInfo(ex)) {
                return false;
            }
            String body = "{\"id\": \"" + repo.id() + "\"" + (sha == null ? "" : ", \"sha\": " + sha) + ", \"siblings\": []}";
            HubEmulator.send(ex, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
            return true;
        };
    }

    /** Files answered as usual but with one header replaced (on HEAD and GET). */
    private HubEmulator.Interceptor header(String name, String value) {
        return ex -> {
            if (!isFile(ex)) {
                return false;
            }
            var file = fileOf(ex);
            ex.getResponseHeaders().set("X-Repo-Commit", commit);
            ex.getResponseHeaders().set("ETag", "\"" + file.gitOid() + "\"");
            ex.getResponseHeaders().set("X-Linked-Etag", "\"" + file.etag() + "\"");
            ex.getResponseHeaders().set("X-Linked-Size", String.valueOf(file.content().length));
            ex.getResponseHeaders().set(name, value);
            ResolveHandler.sendBytes(ex, file.content(), hub);
            return true;
        };
    }

    private enum Body { EMPTY, SHORT, FIRST_HALF, LONGER }

    private HubEmulator.Interceptor body(Body kind) {
        return ex -> {
            if (!isFile(ex)) {
                return false;
            }
            var file = fileOf(ex);
            byte[] content = file.content();
            var h = ex.getResponseHeaders();
            h.set("X-Repo-Commit", commit);
            h.set("ETag", "\"" + file.etag() + "\"");
            h.set("X-Linked-Size", String.valueOf(content.length));
            if (ex.getRequestMethod().equals("HEAD")) {
                h.set("Content-Length", String.valueOf(content.length));
                ex.sendResponseHeaders(200, -1);
                return true;
            }
            long from = rangeStart(ex);
            int start = (int) Math.min(from, content.length);
            switch (kind) {
                case EMPTY -> ex.sendResponseHeaders(from > 0 ? 206 : 200, -1);
                case SHORT -> { // promises the rest in Content-Range, ends the body after at most 3 bytes
                    if (from > 0) {
                        h.set("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
                    }
                    ex.sendResponseHeaders(from > 0 ? 206 : 200, 0);
                    writeQuietly(ex, content, start, Math.min(3, content.length - start));
                }
                case FIRST_HALF -> {
                    int half = Math.max(1, content.length / 2);
                    ex.sendResponseHeaders(200, Math.min(half, content.length) == 0 ? -1 : Math.min(half, content.length));
                    writeQuietly(ex, content, 0, Math.min(half, content.length));
                }
                case LONGER -> {
                    byte[] more = java.util.Arrays.copyOf(content, content.length + 1000);
                    ex.sendResponseHeaders(200, more.length);
                    writeQuietly(ex, more, 0, more.length);
                }
            }
            return true;
        };
    }

    private boolean endlessListing(HttpExchange ex) throws IOException {
        if (!isTree(ex)) {
            return false;
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0); // chunked, never ends by itself
        try (OutputStream out = ex.getResponseBody()) {
            out.write('[');
            byte[] entry = ("{\"type\":\"file\",\"path\":\"x\",\"oid\":\"" + "0".repeat(40) + "\",\"size\":1},")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] chunk = new byte[entry.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(entry, 0, chunk, i * entry.length, entry.length);
            }
            for (long sent = 0; sent < (4L << 30); sent += chunk.length) { // stops at 4 GiB at the latest
                out.write(chunk);
            }
        } catch (IOException clientHungUp) {
            // expected: the client stops reading
        }
        return true;
    }

    private boolean pageLoop(HttpExchange ex) throws IOException {
        if (!isTree(ex)) {
            return false;
        }
        ex.getResponseHeaders().set("Link", "<" + ex.getRequestURI().getPath() + "?cursor=same>; rel=\"next\"");
        HubEmulator.send(ex, 200, "application/json", "[]".getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private final java.util.concurrent.atomic.AtomicLong pages = new java.util.concurrent.atomic.AtomicLong();

    private boolean endlessPages(HttpExchange ex) throws IOException {
        if (!isTree(ex)) {
            return false;
        }
        long page = pages.incrementAndGet();
        var sb = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"type\":\"file\",\"path\":\"p").append(page).append('/').append(i)
                    .append("\",\"oid\":\"").append("0".repeat(40)).append("\",\"size\":1}");
        }
        ex.getResponseHeaders().set("Link", "<" + ex.getRequestURI().getPath() + "?cursor=" + page + ">; rel=\"next\"");
        HubEmulator.send(ex, 200, "application/json", sb.append(']').toString().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private boolean redirectLoop(HttpExchange ex) throws IOException {
        if (!isFile(ex)) {
            return false;
        }
        var file = fileOf(ex);
        ex.getResponseHeaders().set("X-Repo-Commit", commit);
        ex.getResponseHeaders().set("ETag", "\"" + file.etag() + "\"");
        ex.getResponseHeaders().set("X-Linked-Size", String.valueOf(file.content().length));
        ex.getResponseHeaders().set("Location", ex.getRequestURI().toString());
        ex.sendResponseHeaders(302, -1);
        return true;
    }

    /** Redirects file bodies to {@code localhost} (another host name for the same server), which must get no token. */
    private boolean redirectElsewhere(HttpExchange ex) throws IOException {
        if (!isFile(ex) || "localhost".equals(hostOf(ex))) {
            return false;
        }
        var file = fileOf(ex);
        ex.getResponseHeaders().set("X-Repo-Commit", commit);
        ex.getResponseHeaders().set("ETag", "\"" + file.etag() + "\"");
        ex.getResponseHeaders().set("X-Linked-Size", String.valueOf(file.content().length));
        ex.getResponseHeaders().set("Location", "http://localhost:" + ex.getLocalAddress().getPort()
                + ex.getRequestURI().getRawPath());
        ex.sendResponseHeaders(302, -1);
        return true;
    }

    /** Host header without the port. */
    public static String hostOf(HttpExchange ex) {
        String host = String.valueOf(ex.getRequestHeaders().getFirst("Host"));
        int colon = host.lastIndexOf(':');
        return colon > 0 ? host.substring(0, colon) : host;
    }

    private FixtureRepo.File fileOf(HttpExchange ex) {
        String p = ex.getRequestURI().getPath();
        String rest = p.substring(p.indexOf("/resolve/") + "/resolve/".length());
        String path = rest.substring(rest.indexOf('/') + 1);
        var f = repo.files(commit).get(path);
        return f != null ? f : repo.files(commit).values().iterator().next();
    }

    private static long rangeStart(HttpExchange ex) {
        String r = ex.getRequestHeaders().getFirst("Range");
        if (r == null || !r.startsWith("bytes=")) {
            return 0;
        }
        String spec = r.substring("bytes=".length());
        return Long.parseLong(spec.substring(0, spec.indexOf('-')));
    }

    private static void writeQuietly(HttpExchange ex, byte[] content, int from, int length) {
        try (OutputStream out = ex.getResponseBody()) {
            out.write(content, from, length);
        } catch (IOException hungUp) {
            // a short body ends the exchange early
        }
    }
}
