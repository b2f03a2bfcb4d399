package dev.modelkeeper.core.fs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The two checksums a hub blob name can be (spec §2.3). */
public enum HashAlgorithm {
    /** 64 hex: sha256 of the content (LFS and Xet files). */
    SHA256("sha256", "SHA-256"),
    /** 40 hex: git blob id, {@code sha1("blob <size>\0" + content)} (regular git files). */
    GIT_SHA1("git-sha1", "SHA-1");

    private final String id;
    private final String jca;

    HashAlgorithm(String id, String jca) {
        this.id = id;
        this.jca = jca;
    }

    /** The name the official client uses for it ({@code sha256}, {@code git-sha1}). */
    public String id() {
        return id;
    }

    /** The algorithm a blob name promises, or null when the name is not a checksum. */
    public static HashAlgorithm forEtag(String etag) {
        if (etag == null) {
            return null;
        }
        if (isHex(etag, 64)) {
            return SHA256;
        }
        return isHex(etag, 40) ? GIT_SHA1 : null;
    }

    /** A digest ready to take the content of a file of {@code size} bytes. */
    public MessageDigest start(long size) {
        try {
            var md = MessageDigest.getInstance(jca);
            if (this == GIT_SHA1) {
                md.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            }
            return md;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
