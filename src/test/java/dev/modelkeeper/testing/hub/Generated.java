package dev.modelkeeper.testing.hub;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file too large to hold in memory (over 4 GiB), made up on the fly: zeros with the offset written every
 * 4 KiB, so every piece is distinct and a piece at the wrong offset fails the hash. Only its hash is stored.
 *
 * @param size bytes
 */
public record Generated(long size) {

    private static final int BLOCK = 4096;

    /** Fills {@code buf[0..n)} with the bytes at {@code offset}. */
    public void read(long offset, byte[] buf, int n) {
        java.util.Arrays.fill(buf, 0, n, (byte) 0);
        long firstBlock = (offset + BLOCK - 1) / BLOCK * BLOCK;
        for (long at = firstBlock; at < offset + n; at += BLOCK) {
            long value = at / BLOCK;
            for (int i = 0; i < 8 && at + i < offset + n; i++) {
                buf[(int) (at - offset) + i] = (byte) (value >>> (8 * i));
            }
        }
    }

    /** SHA-256 of the whole content (a few seconds for 4 GiB). */
    public String sha256() {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (long at = 0; at < size; at += buf.length) {
                int n = (int) Math.min(buf.length, size - at);
                read(at, buf, n);
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
