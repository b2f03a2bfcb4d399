package dev.modelkeeper.testing.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small Hugging Face Hub on 127.0.0.1 for tests, speaking the protocol of spec §4 as the official
 * clients use it: repo info, paginated tree listing, and HEAD/GET on {@code resolve} URLs with the
 * Hub's headers (X-Repo-Commit, ETag / X-Linked-Etag, X-Linked-Size, ranges). It counts requests and
 * bytes served so tests can prove what was (not) downloaded.
 */
public final class HubEmulator implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, FixtureRepo> repos = new ConcurrentHashMap<>();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile int pageSize = 50;

    public HubEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().factory()));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public HubEmulator add(FixtureRepo repo) {
        repos.put(key(repo.type().folderPrefix(), repo.id()), repo);
        return this;
    }

    /** Entries per page of tree listings (to exercise pagination). */
    public HubEmulator pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    public long bytesServed() {
        return bytesServed.get();
    }

    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String[] raw = ex.getRequestURI().getRawPath().substring(1).split("/");
            var segments = java.util.Arrays.stream(raw).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                    .toList();
            if (!segments.isEmpty() && segments.getFirst().equals("api")) {
                new ApiHandler(this).handle(ex, segments.subList(1, segments.size()));
            } else if (segments.contains("resolve")) {
                new ResolveHandler(this).handle(ex, segments);
            } else {
                error(ex, 404, "RepoNotFound", "Not found", null);
            }
        }
    }

    Optional<FixtureRepo> repo(String typePrefix, String id) {
        return Optional.ofNullable(repos.get(key(typePrefix, id)));
    }

    /** A repo and a revision resolved to its commit. */
    record Resolved(FixtureRepo repo, String commit) {
    }

    /**
     * Finds the repo and resolves the revision, or answers the error the Hub gives (401 RepoNotFound for
     * unknown and private repos alike, 404 RevisionNotFound) and returns empty.
     */
    Optional<Resolved> resolve(HttpExchange ex, String typePrefix, String id, String revision) throws IOException {
        var repo = repo(typePrefix, id);
        if (repo.isEmpty()) {
            error(ex, 401, "RepoNotFound", "Repository not found", null);
            return Optional.empty();
        }
        var commit = repo.get().resolve(revision);
        if (commit.isEmpty()) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id: " + revision, null);
            return Optional.empty();
        }
        return Optional.of(new Resolved(repo.get(), commit.get()));
    }

    int pageSize() {
        return pageSize;
    }

    void countBytes(long n) {
        bytesServed.addAndGet(n);
    }

    static void error(HttpExchange ex, int status, String code, String message, String commit) throws IOException {
        ex.getResponseHeaders().set("X-Error-Code", code);
        ex.getResponseHeaders().set("X-Error-Message", message);
        if (commit != null) {
            ex.getResponseHeaders().set("X-Repo-Commit", commit);
        }
        send(ex, status, "application/json", JSON.writeValueAsBytes(Map.of("error", message)));
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String key(String typePrefix, String id) {
        return typePrefix + "/" + id;
    }
}
