package dev.modelkeeper.core.hub;

import okhttp3.HttpUrl;

/**
 * The answer to the metadata request for one file (spec §4.2).
 *
 * @param commit      the 40-hex commit the revision resolved to ({@code X-Repo-Commit})
 * @param etag        normalised {@code X-Linked-Etag} or {@code ETag}: the blob's name in the cache
 * @param size        {@code X-Linked-Size}, else {@code Content-Length} of a non-redirect; -1 when unknown
 * @param downloadUrl where to GET the bytes (a CDN URL when the Hub redirected off its hosts)
 * @param xetHash     {@code X-Xet-Hash}, or null
 */
public record FileMetadata(String commit, String etag, long size, HttpUrl downloadUrl, String xetHash) {

    /** {@code W/"abc"} and {@code "abc"} become {@code abc}, as the official {@code _normalize_etag} does. */
    static String normalizeEtag(String raw) {
        String s = raw.strip();
        int i = 0;
        while (i < s.length() && (s.charAt(i) == 'W' || s.charAt(i) == '/')) {
            i++;
        }
        s = s.substring(i);
        if (s.startsWith("\"")) {
            s = s.substring(1);
        }
        if (s.endsWith("\"")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
