import java.io.FileInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How verify should read a file to hash it: SHA-256 throughput (MiB/s, page cache warm) of four ways to
 * feed MessageDigest, one thread per file given, best of 4 runs. Run:
 *   java src/bench/HashReadStrategies.java FILE [FILE...]
 * The strategy chosen is the one ContentHasher uses (docs/benchmarks.md has the figures).
 */
public class HashReadStrategies {

    interface Strategy {
        void hash(Path file) throws Exception;
    }

    static void heap(Path file) throws Exception {
        var md = MessageDigest.getInstance("SHA-256");
        var buf = ByteBuffer.allocate(1 << 20);
        try (var ch = FileChannel.open(file)) {
            while (ch.read(buf.clear()) > 0) {
                md.update(buf.array(), 0, buf.position());
            }
        }
        md.digest();
    }

    static void direct(Path file) throws Exception {
        var md = MessageDigest.getInstance("SHA-256");
        var buf = ByteBuffer.allocateDirect(1 << 20);
        try (var ch = FileChannel.open(file)) {
            while (ch.read(buf.clear()) > 0) {
                md.update(buf.flip());
            }
        }
        md.digest();
    }

    static void stream(Path file) throws Exception {
        var md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (var in = new FileInputStream(file.toFile())) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        md.digest();
    }

    /** The file mapped 64 MiB at a time, copied into a 64 KiB array for the digest. */
    static void mapped(Path file) throws Exception {
        var md = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[64 << 10];
        try (var ch = FileChannel.open(file); var arena = java.lang.foreign.Arena.ofConfined()) {
            long size = ch.size();
            for (long off = 0; off < size; off += 64L << 20) {
                long len = Math.min(64L << 20, size - off);
                var seg = ch.map(FileChannel.MapMode.READ_ONLY, off, len, arena);
                for (long o = 0; o < len; o += chunk.length) {
                    int n = (int) Math.min(chunk.length, len - o);
                    java.lang.foreign.MemorySegment.copy(seg, java.lang.foreign.ValueLayout.JAVA_BYTE, o, chunk, 0, n);
                    md.update(chunk, 0, n);
                }
            }
        }
        md.digest();
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.add(Path.of(a));
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += java.nio.file.Files.size(f);
        }
        var strategies = new java.util.LinkedHashMap<String, Strategy>();
        strategies.put("FileChannel + 1 MiB heap buffer", HashReadStrategies::heap);
        strategies.put("FileChannel + 1 MiB direct buffer", HashReadStrategies::direct);
        strategies.put("FileInputStream + 1 MiB array", HashReadStrategies::stream);
        strategies.put("mapped 64 MiB windows + 64 KiB array", HashReadStrategies::mapped);
        for (var e : strategies.entrySet()) {
            double best = 0;
            for (int run = 0; run < 4; run++) {
                var pool = Executors.newFixedThreadPool(files.size());
                long start = System.nanoTime();
                var done = new ArrayList<Future<?>>();
                for (Path f : files) {
                    done.add(pool.submit(() -> {
                        e.getValue().hash(f);
                        return null;
                    }));
                }
                for (var d : done) {
                    d.get();
                }
                best = Math.max(best, bytes / 1048576.0 / ((System.nanoTime() - start) / 1e9));
                pool.shutdown();
            }
            System.out.printf("%-36s %d thread(s): %5.0f MiB/s total, %5.0f per thread%n", e.getKey(), files.size(),
                    best, best / files.size());
        }
    }
}
