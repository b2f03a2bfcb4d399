package dev.modelkeeper.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Random;

/** Ways tests break files on purpose, and reproducible random content. */
public final class Damage {

    private Damage() {
    }

    /** Flips one bit in the middle of the file. */
    public static void flip(Path file) throws IOException {
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 1);
        }
    }

    /** Cuts the file to {@code size} bytes. */
    public static void truncate(Path file, long size) throws IOException {
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** {@code n} random bytes, the same for the same seed. */
    public static byte[] random(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
