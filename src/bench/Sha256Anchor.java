import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

/**
 * The anchor of the verify benchmark: this machine's single-core SHA-256 speed, Java's MessageDigest on
 * bytes already in memory (no I/O), median of 7 runs over 256 MiB. Run: java src/bench/Sha256Anchor.java
 */
public class Sha256Anchor {
    public static void main(String[] args) throws Exception {
        byte[] data = new byte[256 << 20];
        new Random(1).nextBytes(data);
        double[] mibPerSecond = new double[7];
        for (int run = -2; run < mibPerSecond.length; run++) { // two warm-up runs for the JIT
            var md = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            for (int off = 0; off < data.length; off += 1 << 20) {
                md.update(data, off, 1 << 20);
            }
            md.digest();
            if (run >= 0) {
                mibPerSecond[run] = 256 / ((System.nanoTime() - start) / 1e9);
            }
        }
        Arrays.sort(mibPerSecond);
        System.out.printf("%.0f%n", mibPerSecond[mibPerSecond.length / 2]);
    }
}
