package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.env.Environment;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Where the Hub is: {@code HF_ENDPOINT}, else the configured URL, else https://huggingface.co. The token
 * goes only to this host, and to a mirror only when the user allowed it for that mirror.
 *
 * @param url               base URL without a trailing slash
 * @param tokenToThisMirror the user allows sending the token to this (non-official) endpoint
 */
public record HubEndpoint(HttpUrl url, boolean tokenToThisMirror) {

    public static final String DEFAULT = "https://huggingface.co";
    public static final String HF_MIRROR = "https://hf-mirror.com";
    private static final Set<String> OFFICIAL = Set.of("huggingface.co", "hf.co", "hub-ci.huggingface.co");

    public static HubEndpoint of(String url, boolean tokenToThisMirror) {
        String clean = url.strip().replaceAll("/+$", "");
        HttpUrl parsed = HttpUrl.parse(clean);
        if (parsed == null) {
            throw new IllegalArgumentException("Not a valid endpoint URL: " + url);
        }
        return new HubEndpoint(parsed, tokenToThisMirror);
    }

    /** {@code HF_ENDPOINT} wins over the configured value, as in the official client. */
    public static HubEndpoint resolve(Environment env, String configured, boolean tokenToThisMirror) {
        String url = env.get("HF_ENDPOINT").filter(v -> !v.isBlank())
                .orElse(configured == null || configured.isBlank() ? DEFAULT : configured);
        return of(url, tokenToThisMirror);
    }

    /** Hosts whose redirects are followed while reading file metadata (spec §4.2). */
    public boolean isHubHost(HttpUrl u) {
        String host = u.host().toLowerCase(Locale.ROOT);
        return host.equals(url.host()) || OFFICIAL.contains(host);
    }

    /** Whether a request to {@code u} may carry the token. */
    public boolean mayReceiveToken(HttpUrl u) {
        boolean sameOrigin = u.host().equalsIgnoreCase(url.host()) && u.port() == url.port()
                && u.scheme().equals(url.scheme());
        return sameOrigin && (isOfficial() || tokenToThisMirror);
    }

    /**
     * Whether a request to {@code u} goes to this endpoint but without the token: a mirror or other host the
     * user has not allowed to receive it. A refusal from there may only mean the token was missing.
     */
    public boolean withholdsTokenFrom(HttpUrl u) {
        boolean sameOrigin = u.host().equalsIgnoreCase(url.host()) && u.port() == url.port()
                && u.scheme().equals(url.scheme());
        return sameOrigin && !mayReceiveToken(u);
    }

    public boolean isOfficial() {
        return OFFICIAL.contains(url.host());
    }

    /** {@code /api/models/org/name}, {@code /datasets/org/name/resolve/...} and so on start here. */
    HttpUrl.Builder base() {
        return url.newBuilder();
    }
}
