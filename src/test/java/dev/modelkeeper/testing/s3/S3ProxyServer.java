package dev.modelkeeper.testing.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real S3 server for tests: S3Proxy (from Maven Central) with the jclouds filesystem backend, on loopback,
 * checking AWS v4 signatures against one access key and secret. It runs as its own java process because its
 * bundle holds unrelocated copies of libraries we use too. Objects are plain files under {@link #bucketDir}, so
 * a test can damage one.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "team-access";
    public static final String SECRET_KEY = "team-secret-0123456789";
    public static final String BUCKET = "models";

    private final Process process;
    private final int port;
    private final Path data;

    public S3ProxyServer(Path dir) throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy's jar is not in the local Maven repository: " + jar);
        }
        this.data = Files.createDirectories(dir.resolve("s3data"));
        Files.createDirectories(data.resolve(BUCKET));
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n", List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data)) + "\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--properties", props.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        awaitPort(dir.resolve("s3proxy.log"));
    }

    private void awaitPort(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy stopped: " + Files.readString(log));
            }
            try (var s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("S3Proxy did not start in 60 s: " + Files.readString(log));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The folder holding the bucket's objects, one file per key. */
    public Path bucketDir() {
        return data.resolve(BUCKET);
    }

    /** The environment a client of this server needs. */
    public Map<String, String> env() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_ENDPOINT_URL_S3", endpoint(), "AWS_REGION", "us-east-1");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
