package dev.modelkeeper.bench;

import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.util.Random;

/**
 * The hub emulator as a standalone server for src/bench/download_benchmark.py: {@code bench/many} has
 * 1,100 small files, {@code bench/big} one LFS file of the given size served through the CDN host.
 * An optional second argument caps each connection's speed (bytes per second), as real CDNs do.
 * Prints its URL, then serves until stdin closes.
 */
public final class BenchHub {

    private BenchHub() {
    }

    /** {@code bench/many}: 1,100 LFS files of 2 to 8 kB in 10 folders. */
    static FixtureRepo many() {
        var many = FixtureRepo.model("bench/many");
        String c1 = many.commit(1);
        var rnd = new Random(5);
        for (int i = 0; i < 1100; i++) {
            byte[] b = new byte[2000 + rnd.nextInt(6000)];
            rnd.nextBytes(b);
            many.lfsFile(c1, "shard-" + (i % 10) + "/part-" + i + ".bin", b);
        }
        return many.ref("main", c1);
    }

    /** {@code bench/big}: one LFS file of {@code bigBytes} random bytes. */
    static FixtureRepo big(int bigBytes) {
        var big = FixtureRepo.model("bench/big");
        String c2 = big.commit(1);
        byte[] data = new byte[bigBytes];
        new Random(6).nextBytes(data);
        return big.lfsFile(c2, "model.safetensors", data).ref("main", c2);
    }

    public static void main(String[] args) throws Exception {
        int bigBytes = Integer.parseInt(args.length > 0 ? args[0] : "1000000000");
        var many = many();
        var big = big(bigBytes);
        long perConnection = args.length > 1 ? Long.parseLong(args[1]) : 0;
        try (var hub = new HubEmulator().withCdn().pageSize(1000).throttle(perConnection).add(many).add(big)) {
            System.out.println(hub.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the benchmark closes our stdin
            }
        }
    }
}
