package dev.modelkeeper.bench;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.team.PushOperation;
import dev.modelkeeper.core.team.StoreConfig;
import dev.modelkeeper.core.team.TeamStore;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.s3.S3ProxyServer;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * The servers of src/bench/store_benchmark.py: the hub emulator with {@code bench/many} and {@code bench/big}
 * (as {@link BenchHub}), and S3Proxy holding both, pushed under {@code s3://models/bench} from a cache filled
 * from the emulator. Prints five lines (the Hub's URL, the S3 endpoint, a presigned URL of the big blob, its
 * sha256, a curl config fetching every blob of {@code bench/many} by presigned URL), then serves until stdin
 * closes. Arguments: the big file's size, a work folder.
 */
public final class BenchStore {

    private BenchStore() {
    }

    public static void main(String[] args) throws Exception {
        int bigBytes = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        var big = BenchHub.big(bigBytes);
        var many = BenchHub.many();
        try (var hub = new HubEmulator().withCdn().pageSize(1000).add(many).add(big);
             var s3 = new S3ProxyServer(work)) {
            var env = Environment.of(s3.env(), Environment.Os.LINUX, "/nonexistent");
            var store = new TeamStore(StoreConfig.of("s3://" + S3ProxyServer.BUCKET + "/bench", null, env),
                    new OkHttpClient());
            var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                    RetryPolicy.standard());
            Path seed = work.resolve("seed");
            for (String repo : List.of("bench/many", "bench/big")) {
                new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, repo, "main", List.of(), List.of(),
                        seed, false), 8).run(ProgressListener.NONE, Cancellation.create());
                new PushOperation(store, seed, RepoType.MODEL, repo, "main", false)
                        .run(ProgressListener.NONE, Cancellation.create());
            }
            try (Stream<Path> walk = Files.walk(seed)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            String sha = big.files(big.resolve("main").orElseThrow()).get("model.safetensors").etag();
            var minio = MinioClient.builder().endpoint(s3.endpoint()).region("us-east-1")
                    .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).build();
            String url = presigned(minio, sha);
            var curlConfig = new StringBuilder();
            for (var f : many.files(many.resolve("main").orElseThrow()).values()) {
                curlConfig.append("url = \"").append(presigned(minio, f.etag())).append("\"\noutput = \"/dev/null\"\n");
            }
            Path config = Files.writeString(work.resolve("many-urls.curl"), curlConfig);
            System.out.println(hub.url());
            System.out.println(s3.endpoint());
            System.out.println(url);
            System.out.println(sha);
            System.out.println(config);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the benchmark closes our stdin
            }
        }
    }

    private static String presigned(MinioClient minio, String etag) throws Exception {
        return minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.GET)
                .bucket(S3ProxyServer.BUCKET).object("bench/modelkeeper/v1/blobs/" + etag).expiry(3600).build());
    }
}
