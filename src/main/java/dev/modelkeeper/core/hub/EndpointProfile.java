package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.env.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A named endpoint a team already runs in front of the Hub: a JFrog Artifactory Hugging Face remote
 * ({@code …/artifactory/api/huggingfaceml/<repo>}), a Sonatype Nexus proxy ({@code …/repository/<repo>}),
 * Olah, hf-mirror.com, or another Hub. It has its own credential (a file of its own, 0600, never in
 * settings.json) and gets the Hugging Face token only when {@link #sendHubToken} says so. A proxy fetches
 * a file from the Hub before it answers the first request for it, so its timeouts are long.
 *
 * @param name         letters, digits, {@code .}, {@code _} and {@code -}; it names the token file
 * @param url          the base URL without a trailing slash; {@code /api/models/…} and {@code /org/name/resolve/…}
 *                     go below it
 * @param sendHubToken the Hugging Face token may be sent to this endpoint
 */
public record EndpointProfile(String name, String url, Kind kind, boolean sendHubToken, Duration connectTimeout,
                              Duration readTimeout) {

    /** 30 s to connect. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** 10 minutes between two reads: a proxy may fetch a large file from the Hub before the first byte. */
    public static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** What runs at the URL; it only changes what {@code endpoint test} advises. */
    public enum Kind {
        HUB, ARTIFACTORY, NEXUS, OLAH, HF_MIRROR, OTHER;

        /** {@code artifactory}, {@code hf-mirror}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind called {@code id}; an unknown one is {@link IllegalArgumentException}. */
        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id().equalsIgnoreCase(id.strip())) {
                    return k;
                }
            }
            throw new IllegalArgumentException(id);
        }

        /** A guess from the URL's shape, for when the user named no kind. */
        public static Kind guess(String url) {
            String u = url.toLowerCase(Locale.ROOT);
            if (u.contains("/api/huggingfaceml/")) {
                return ARTIFACTORY;
            }
            if (u.contains("/repository/")) {
                return NEXUS;
            }
            if (u.contains("hf-mirror.com")) {
                return HF_MIRROR;
            }
            return u.contains("huggingface.co") || u.contains("hf.co") ? HUB : OTHER;
        }
    }

    public EndpointProfile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid profile name: " + name);
        }
        url = HubEndpoint.of(url, false).url().toString().replaceAll("/+$", "");
        kind = kind == null ? Kind.guess(url) : kind;
        connectTimeout = positive(connectTimeout, CONNECT_TIMEOUT);
        readTimeout = positive(readTimeout, READ_TIMEOUT);
    }

    /** A profile with the long default timeouts. */
    public EndpointProfile(String name, String url, Kind kind, boolean sendHubToken) {
        this(name, url, kind, sendHubToken, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    /** Whether {@code name} can name a profile (and its token file). */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The profile as settings.json keeps it. */
    public static EndpointProfile of(Settings.Profile stored) {
        Kind kind;
        try {
            kind = stored.kind() == null ? null : Kind.of(stored.kind());
        } catch (IllegalArgumentException e) {
            kind = null; // a kind written by a newer version: guess again
        }
        return new EndpointProfile(stored.name(), stored.url(), kind, stored.sendHubToken(),
                Duration.ofSeconds(Math.max(0, stored.connectTimeoutSeconds())),
                Duration.ofSeconds(Math.max(0, stored.readTimeoutSeconds())));
    }

    public Settings.Profile stored() {
        return new Settings.Profile(name, url, kind.id(), sendHubToken, (int) connectTimeout.toSeconds(),
                (int) readTimeout.toSeconds());
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }
}
