package dev.modelkeeper.core.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubException.Kind;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Talks to the Hub the way the official client does (spec §4): repo info, paginated tree listings,
 * file metadata with its redirect rules, and ranged downloads. Redirects are followed by hand so the
 * token never leaves the endpoint's host; cancelling closes the call, because a blocked socket read
 * ignores interrupts.
 */
public final class HubClient {

    private static final int MAX_REDIRECTS = 20;

    private final OkHttpClient http;
    private final HubEndpoint endpoint;
    private final Optional<HubToken> token;
    private final RetryPolicy retry;
    private final EndpointProfile withheldFrom;

    /** {@code http} must not follow redirects itself: {@code followRedirects(false)}. */
    public HubClient(OkHttpClient http, HubEndpoint endpoint, Optional<HubToken> token, RetryPolicy retry) {
        this(http, endpoint, token, retry, null);
    }

    /**
     * @param withheldFrom the endpoint profile the Hub token was held back from (a refusal says so), or null
     */
    HubClient(OkHttpClient http, HubEndpoint endpoint, Optional<HubToken> token, RetryPolicy retry,
              EndpointProfile withheldFrom) {
        this.http = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
        this.endpoint = endpoint;
        this.token = token;
        this.retry = retry;
        this.withheldFrom = withheldFrom;
    }

    /** The timeouts this client waits with (a profile's are long). */
    public java.time.Duration readTimeout() {
        return java.time.Duration.ofMillis(http.readTimeoutMillis());
    }

    public HubEndpoint endpoint() {
        return endpoint;
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** The same endpoint, token and timeouts with another retry policy (a Test in the window answers at once). */
    public HubClient withRetryPolicy(RetryPolicy policy) {
        return new HubClient(http, endpoint, token, policy, withheldFrom);
    }

    /** {@code GET /api/{type}s/{id}/revision/{rev}}: the commit a branch, tag or PR ref points at. */
    public RepoInfo repoInfo(RepoType type, String id, String revision, Cancellation cancel)
            throws HubException, CancelledException {
        HttpUrl url = api(type, id).addPathSegment("revision").addPathSegment(revision).build();
        JsonNode json = retry.run(() -> getJson(url, id, cancel).body(), cancel);
        return HubAnswers.repoInfo(json, id, id + "@" + revision);
    }

    /**
     * Every file at {@code revision}, following {@code Link: rel="next"} pages. The listing is validated
     * as a whole (paths, hashes, sizes, no path twice) and bounded in pages and files.
     */
    public List<TreeEntry> listTree(RepoType type, String id, String revision, Cancellation cancel)
            throws HubException, CancelledException {
        HttpUrl next = api(type, id).addPathSegment("tree").addPathSegment(revision)
                .addQueryParameter("recursive", "true").addQueryParameter("expand", "false").build();
        String subject = id + "@" + revision;
        var entries = new ArrayList<TreeEntry>();
        var seenPaths = new java.util.HashSet<String>();
        var seenPages = new java.util.HashSet<HttpUrl>();
        while (next != null) {
            if (!seenPages.add(next)) {
                throw HubException.invalid(subject, "hub.invalid.pageLoop");
            }
            if (seenPages.size() > HubAnswers.MAX_PAGES) {
                throw HubException.invalid(subject, "hub.invalid.tooManyPages", HubAnswers.MAX_PAGES);
            }
            HttpUrl page = next;
            var answer = retry.run(() -> getJson(page, id, cancel), cancel);
            entries.addAll(HubAnswers.treePage(answer.body(), subject, seenPaths));
            next = answer.next();
        }
        return entries;
    }

    /** HEAD on the resolve URL (spec §4.2); not retried, as in the official client's fast path. */
    public FileMetadata fileMetadata(RepoType type, String id, String revision, String path, Cancellation cancel)
            throws HubException, CancelledException {
        HttpUrl url = resolveUrl(type, id, revision, path);
        String subject = id + "@" + revision + ":" + path;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            var request = request(url).head().header("Accept-Encoding", "identity").build();
            try (Response r = execute(request, subject, cancel)) {
                HttpUrl location = r.isRedirect() ? locationOf(r) : null;
                if (location != null && endpoint.isHubHost(location)) {
                    url = location; // a renamed repo: stay on the Hub
                    continue;
                }
                if (!r.isRedirect() && !r.isSuccessful()) {
                    throw refused(r, subject, id);
                }
                return metadata(r, location != null ? location : url, subject);
            }
        }
        throw HubException.invalid(subject, "hub.invalid.redirects", MAX_REDIRECTS);
    }

    /**
     * What a HEAD on a resolve URL answered, before any header is required: for {@link EndpointCheck}.
     *
     * @param commit     {@code X-Repo-Commit}, or null
     * @param etag       {@code X-Linked-Etag}, else {@code ETag}, or null
     * @param location   where the answer redirects to, or null
     * @param xetHeaders the answer carries {@code X-Xet-*} headers or a {@code rel="xet-auth"} link
     */
    public record ResolveProbe(int status, String commit, String etag, HttpUrl location, boolean xetHeaders) {
    }

    /** HEAD on the resolve URL, following redirects on the endpoint's host as {@link #fileMetadata} does. */
    public ResolveProbe probeResolve(RepoType type, String id, String revision, String path, Cancellation cancel)
            throws HubException, CancelledException {
        HttpUrl url = resolveUrl(type, id, revision, path);
        String subject = id + "@" + revision + ":" + path;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            var request = request(url).head().header("Accept-Encoding", "identity").build();
            try (Response r = execute(request, subject, cancel)) {
                HttpUrl location = r.isRedirect() ? locationOf(r) : null;
                if (location != null && endpoint.isHubHost(location) && location.host().equals(url.host())) {
                    url = location;
                    continue;
                }
                if (!r.isRedirect() && !r.isSuccessful()) {
                    throw refused(r, subject, id);
                }
                boolean xet = r.headers().names().stream().anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT)
                        .startsWith("x-xet-")) || r.headers("Link").stream().anyMatch(l -> l.contains("xet-auth"));
                return new ResolveProbe(r.code(), r.header("X-Repo-Commit"),
                        Optional.ofNullable(r.header("X-Linked-Etag")).orElse(r.header("ETag")), location, xet);
            }
        }
        throw HubException.invalid(subject, "hub.invalid.redirects", MAX_REDIRECTS);
    }

    /**
     * GETs the bytes from {@code from} on. The token is sent only where {@link HubEndpoint#mayReceiveToken}
     * allows; redirects are followed by hand with the same rule.
     */
    public Download download(FileMetadata meta, long from, Cancellation cancel)
            throws HubException, CancelledException {
        return download(meta, from, -1, cancel);
    }

    /**
     * GETs bytes {@code from} to {@code last} inclusive ({@code last < 0}: to the end). A server that ignores
     * the range answers 200 with the whole file; {@link Download#start()} tells where the body begins.
     */
    public Download download(FileMetadata meta, long from, long last, Cancellation cancel)
            throws HubException, CancelledException {
        HttpUrl url = meta.downloadUrl();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            var builder = request(url).get();
            if (from > 0 || last >= 0) {
                builder.header("Range", "bytes=" + from + "-" + (last >= 0 ? String.valueOf(last) : ""));
            }
            Call call = http.newCall(builder.build());
            AutoCloseable hook = cancel.onCancel(call::cancel);
            Response r = send(call, meta.etag(), cancel);
            if (r.isSuccessful()) {
                return new Download(r, hook, from);
            }
            closeQuietly(hook);
            try (r) {
                if (!r.isRedirect() || locationOf(r) == null) {
                    throw refused(r, meta.etag(), "");
                }
                url = locationOf(r);
            }
        }
        throw HubException.invalid(meta.etag(), "hub.invalid.redirects", MAX_REDIRECTS);
    }

    private FileMetadata metadata(Response r, HttpUrl downloadUrl, String subject) throws HubException {
        String commit = r.header("X-Repo-Commit");
        String etag = Optional.ofNullable(r.header("X-Linked-Etag")).orElse(r.header("ETag"));
        if (commit == null || etag == null) {
            throw new HubException(Kind.NOT_A_HUB, r.code(), 0, subject, null);
        }
        String size = Optional.ofNullable(r.header("X-Linked-Size"))
                .orElse(r.isRedirect() ? null : r.header("Content-Length"));
        return new FileMetadata(HubAnswers.commit(commit, subject),
                HubAnswers.blobName(FileMetadata.normalizeEtag(etag), subject), HubAnswers.sizeHeader(size, subject),
                downloadUrl, r.header("X-Xet-Hash"));
    }

    private HttpUrl.Builder api(RepoType type, String id) {
        return endpoint.base().addPathSegment("api").addPathSegment(type.folderPrefix()).addPathSegments(id);
    }

    /** {@code {E}/{prefix}{id}/resolve/{rev}/{path}}: the revision as one segment (refs%2Fpr%2F1). */
    public HttpUrl resolveUrl(RepoType type, String id, String revision, String path) {
        var b = endpoint.base();
        if (type != RepoType.MODEL) {
            b.addPathSegment(type.folderPrefix());
        }
        return b.addPathSegments(id).addPathSegment("resolve").addPathSegment(revision).addPathSegments(path).build();
    }

    /** The Hub's refusal; if the token was held back from this endpoint, the message says so and where to allow it. */
    private HubException refused(Response r, String subject, String id) {
        HubException e = HubErrors.of(r, subject, id);
        if (withheldFrom != null) {
            return e.hubTokenWithheldFrom(withheldFrom);
        }
        return token.isPresent() && endpoint.withholdsTokenFrom(r.request().url())
                ? e.tokenWithheld(endpoint.url().toString().replaceAll("/$", "")) : e;
    }

    private Request.Builder request(HttpUrl url) {
        var b = new Request.Builder().url(url).header("User-Agent", "modelkeeper/" + version());
        if (token.isPresent() && endpoint.mayReceiveToken(url)) {
            b.header("Authorization", token.get().header());
        }
        return b;
    }

    /** A JSON answer and the next page, if the server named one. */
    private record JsonAnswer(JsonNode body, HttpUrl next) {
    }

    private JsonAnswer getJson(HttpUrl url, String id, Cancellation cancel) throws HubException, CancelledException {
        try (Response r = execute(request(url).get().build(), id, cancel)) {
            if (!r.isSuccessful()) {
                throw refused(r, id, id);
            }
            return new JsonAnswer(HubAnswers.readJson(r.body().byteStream(), id), nextPage(r));
        } catch (IOException e) {
            throw new HubException(Kind.NETWORK, 0, 0, id, e);
        }
    }

    private Response execute(Request request, String subject, Cancellation cancel)
            throws HubException, CancelledException {
        Call call = http.newCall(request);
        try (AutoCloseable hook = cancel.onCancel(call::cancel)) {
            return send(call, subject, cancel);
        } catch (HubException | CancelledException e) {
            throw e;
        } catch (Exception e) {
            throw new HubException(Kind.NETWORK, 0, 0, subject, e);
        }
    }

    private static Response send(Call call, String subject, Cancellation cancel)
            throws HubException, CancelledException {
        try {
            return call.execute();
        } catch (IOException e) {
            cancel.throwIfCancelled();
            throw new HubException(Kind.NETWORK, 0, 0, subject, e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // only unregisters a cancel hook
        }
    }

    private static HttpUrl locationOf(Response r) {
        String location = r.header("Location");
        return location == null ? null : r.request().url().resolve(location);
    }

    /** {@code Link: <url>; rel="next"}. */
    private static HttpUrl nextPage(Response r) {
        for (String link : r.headers("Link")) {
            for (String part : link.split(",")) {
                int open = part.indexOf('<');
                int close = part.indexOf('>', open + 1);
                if (part.contains("rel=\"next\"") && open >= 0 && close > open) {
                    return r.request().url().resolve(part.substring(open + 1, close));
                }
            }
        }
        return null;
    }

    private static String version() {
        String v = HubClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
