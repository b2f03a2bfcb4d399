package dev.modelkeeper.core.fs;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The checksum a hub blob's name promises ({@link HashAlgorithm}, the one rule for it): feed bytes in order,
 * then compare.
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
        HashAlgorithm algorithm = HashAlgorithm.forEtag(etag);
        return algorithm == null ? null : new ContentHash(algorithm.start(size), etag);
    }

    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    /** Whether the bytes fed so far hash to the name. Ends the computation. */
    public boolean matches() {
        return HexFormat.of().formatHex(digest.digest()).equals(expected);
    }
}
