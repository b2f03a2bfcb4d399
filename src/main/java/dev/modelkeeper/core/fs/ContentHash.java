package dev.modelkeeper.core.fs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum a hub blob's name promises (spec §2.3): a 64-hex name is the sha256 of the content, a
 * 40-hex name the git blob sha1, {@code sha1("blob <size>\0" + content)}. Feed bytes in order, then compare.
 */
public final class ContentHash {

    private final MessageDigest digest;
    private final String expected;

    private ContentHash(MessageDigest digest, String expected) {
        this.digest = digest;
        this.expected = expected;
    }

    /** A hasher for a blob named {@code etag} of {@code size} bytes; null when the name promises nothing. */
    public static ContentHash forEtag(String etag, long size) {
        try {
            if (etag.matches("[0-9a-f]{64}")) {
                return new ContentHash(MessageDigest.getInstance("SHA-256"), etag);
            }
            if (etag.matches("[0-9a-f]{40}")) {
                var sha1 = MessageDigest.getInstance("SHA-1");
                sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
                return new ContentHash(sha1, etag);
            }
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    /** Whether the bytes fed so far hash to the name. Ends the computation. */
    public boolean matches() {
        return HexFormat.of().formatHex(digest.digest()).equals(expected);
    }
}
