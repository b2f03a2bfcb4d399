package dev.modelkeeper.testing.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
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
    private final java.util.List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Deque<Fault> faults = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    private final Map<String, String> gated = new ConcurrentHashMap<>();
    private final Map<String, String> gatedFiles = new ConcurrentHashMap<>();
    private volatile Cdn cdn;
    private final java.util.Deque<BodyFault> bodyFaults = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** Damage done to the next file bodies served (by the Hub or its CDN). */
    public enum BodyFault {
        /** One byte in the middle is flipped. */
        CORRUPT,
        /** The body ends after the first half (as a proxy that drops the rest). */
        TRUNCATE,
        /** Ten bytes are sent, then nothing for 30 s. */
        STALL
    }

    /** The next file bodies are damaged like this, in order. */
    public HubEmulator damageNext(BodyFault... faults) {
        bodyFaults.addAll(java.util.List.of(faults));
        return this;
    }

    private volatile long bytesPerSecond;
    private volatile boolean ignoreRanges;

    /** Answers every GET with the whole file (200), as some proxies and mirrors do. */
    public HubEmulator ignoreRanges() {
        this.ignoreRanges = true;
        return this;
    }

    boolean ignoresRanges() {
        return ignoreRanges;
    }

    /** Serves file bodies no faster than this (0: unlimited), so concurrent downloads overlap. */
    public HubEmulator throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        return this;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    BodyFault takeBodyFault() {
        return bodyFaults.poll();
    }

    /** A canned failure answered instead of the next request; {@link #STALL} sends 10 bytes, then hangs. */
    public record Fault(int status, Map<String, String> headers) {
        public static final int STALL = -1;

        public static Fault stall() {
            return new Fault(STALL, Map.of());
        }
    }

    /** Answers a request in place of the emulator (returning true), as a hostile or broken server would. */
    @FunctionalInterface
    public interface Interceptor {
        boolean answer(HttpExchange ex) throws IOException;
    }

    private volatile Interceptor interceptor = ex -> false;

    private volatile String pathPrefix = "";
    private volatile java.util.Set<String> strippedHeaders = java.util.Set.of();

    /**
     * Serves the Hub below {@code prefix} only ({@code /artifactory/api/huggingfaceml/hf}), as a pull-through
     * proxy does; {@link #url()} then ends with it. Anything else is 404.
     */
    public HubEmulator underPrefix(String prefix) {
        this.pathPrefix = prefix.replaceAll("/+$", "");
        return this;
    }

    /** Drops these response headers from every answer, as a proxy that does not pass them through. */
    public HubEmulator stripHeaders(String... names) {
        this.strippedHeaders = java.util.Set.of(names);
        return this;
    }

    /** From now on every request goes to {@code interceptor} first; it answers those it wants to. */
    public HubEmulator intercept(Interceptor interceptor) {
        this.interceptor = interceptor;
        return this;
    }

    public HubEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().factory()));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return origin() + pathPrefix;
    }

    /** Scheme, host and port, without the path prefix. */
    String origin() {
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

    /** Serves LFS files from a second host, as the Hub redirects to its CDN (which rejects tokens). */
    public HubEmulator withCdn() throws IOException {
        cdn = new Cdn(this, false);
        return this;
    }

    /** As {@link #withCdn()}, the CDN reached through a relay that can reset connections on demand. */
    public HubEmulator withResettingCdn() throws IOException {
        cdn = new Cdn(this, true);
        return this;
    }

    /**
     * The next {@code count} connections to the CDN are reset (TCP RST) after {@code afterBytes} bytes of
     * response, headers included. Needs {@link #withResettingCdn()}.
     */
    public HubEmulator resetNextCdnConnections(int count, long afterBytes) {
        cdn.proxy().arm(count, afterBytes);
        return this;
    }

    /** Response bytes that reached clients through the CDN relay (headers included). */
    public long cdnBytesRelayed() {
        return cdn.proxy().relayed();
    }

    /** CDN connections reset so far. */
    public int cdnResets() {
        return cdn.proxy().resetsDone();
    }

    Cdn cdn() {
        return cdn;
    }

    /** The old id answers 307 to the new one, as the Hub does after a rename. */
    public HubEmulator rename(String typePrefix, String oldId, String newId) {
        renamed.put(key(typePrefix, oldId), newId);
        return this;
    }

    /** Only requests carrying {@code Bearer <token>} may read this repo; others get 401 GatedRepo. */
    public HubEmulator gate(String typePrefix, String id, String token) {
        gated.put(key(typePrefix, id), "Bearer " + token);
        return this;
    }

    /** A private repo: without {@code Bearer <token>} the Hub answers as if it did not exist (401 RepoNotFound). */
    /**
     * Gated as on huggingface.co: repo info and the file listing are public, only the files need a token with
     * access (401 GatedRepo without it).
     */
    public HubEmulator gateFiles(String typePrefix, String id, String token) {
        gatedFiles.put(key(typePrefix, id), "Bearer " + token);
        return this;
    }

    public HubEmulator makePrivate(String typePrefix, String id, String token) {
        gated.put(key(typePrefix, id), "private:Bearer " + token);
        return this;
    }

    private final java.util.Deque<Fault> fileFaults = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** The next file requests ({@code /resolve/}) are answered with these failures, in order. */
    public HubEmulator failNextFileRequests(Fault... next) {
        fileFaults.addAll(java.util.List.of(next));
        return this;
    }

    /** The next requests are answered with these failures, in order. */
    public HubEmulator failNext(Fault... next) {
        faults.addAll(java.util.List.of(next));
        return this;
    }

    /** Authorization headers received by this host, in order (null when absent). */
    public java.util.List<String> authorizations() {
        return authorizations;
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
        if (cdn != null) {
            cdn.close();
        }
    }

    Optional<String> renamedTo(String typePrefix, String id) {
        return Optional.ofNullable(renamed.get(key(typePrefix, id)));
    }

    /** False (and a 401 GatedRepo answer) when the repo is gated and the request lacks the token. */
    boolean admits(HttpExchange ex, String typePrefix, String id) throws IOException {
        String needed = gated.get(key(typePrefix, id));
        if (needed == null && ex.getRequestURI().getPath().contains("/resolve/")) {
            needed = gatedFiles.get(key(typePrefix, id));
        }
        boolean isPrivate = needed != null && needed.startsWith("private:");
        String header = isPrivate ? needed.substring("private:".length()) : needed;
        if (needed == null || header.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        if (isPrivate) {
            error(ex, 401, "RepoNotFound", "Repository not found", null);
        } else {
            error(ex, 401, "GatedRepo", "Access to model " + id + " is restricted.", null);
        }
        return false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        HttpExchange ex = strippedHeaders.isEmpty() ? exchange : new StrippingExchange(exchange, strippedHeaders);
        requests.incrementAndGet();
        authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
        try (ex) {
            if (interceptor.answer(ex)) {
                return;
            }
            Fault fault = faults.poll();
            if (fault == null && ex.getRequestURI().getRawPath().contains("/resolve/")) {
                fault = fileFaults.poll();
            }
            if (fault != null && fault.status() == Fault.STALL) {
                stall(ex);
                return;
            }
            if (fault != null) {
                fault.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                send(ex, fault.status(), "text/plain", new byte[0]);
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            if (!path.startsWith(pathPrefix + "/")) {
                error(ex, 404, "RepoNotFound", "Not found", null);
                return;
            }
            String[] raw = path.substring(pathPrefix.length() + 1).split("/");
            var segments = java.util.Arrays.stream(raw).map(HubEmulator::percentDecode)
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

    /** Promises 1000 bytes, sends 10, then hangs until the client gives up or the emulator stops. */
    private static void stall(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(200, 1000);
        OutputStream out = ex.getResponseBody();
        out.write(new byte[10]);
        out.flush();
        try {
            Thread.sleep(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        if (!admits(ex, typePrefix, id)) {
            return Optional.empty();
        }
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

    /**
     * A path segment as the Hub reads it: %XX escapes decoded as UTF-8, and nothing else ('+' stays a plus;
     * {@code URLDecoder} is for forms and would turn it into a space).
     */
    static String percentDecode(String segment) {
        var bytes = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < segment.length()) {
            if (segment.charAt(i) == '%' && i + 3 <= segment.length()) {
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int cp = segment.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String key(String typePrefix, String id) {
        return typePrefix + "/" + id;
    }
}
