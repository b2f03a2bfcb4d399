package dev.modelkeeper.core.team;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.team.TeamStoreException.Kind;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import okhttp3.OkHttpClient;

/**
 * The team store: an S3 bucket (AWS, MinIO, Ceph RGW, R2 …) holding verified blobs by their cache name, one
 * manifest per pushed revision and the refs (docs/team-store.md). Every request is signed (AWS v4); every
 * failure is a {@link TeamStoreException} with one sentence.
 */
public final class TeamStore {

    /** Above this, an upload goes in parts (S3 allows at most 5 GiB in one PUT and needs 5 MiB parts). */
    static final long PART_SIZE = 64L << 20;

    private final StoreConfig config;
    private final StoreKeys keys;
    private final MinioClient s3;

    public TeamStore(StoreConfig config, OkHttpClient http) {
        this.config = config;
        this.keys = new StoreKeys(config.prefix());
        var builder = MinioClient.builder().endpoint(config.endpoint()).region(config.region()).httpClient(http);
        builder = config.session() == null ? builder.credentials(config.accessKey(), config.secretKey())
                : builder.credentialsProvider(new io.minio.credentials.StaticProvider(config.accessKey(),
                config.secretKey(), config.session()));
        this.s3 = builder.build();
        if (config.pathStyle()) {
            s3.disableVirtualStyleEndpoint();
        } else {
            s3.enableVirtualStyleEndpoint();
        }
    }

    public StoreConfig config() {
        return config;
    }

    StoreKeys keys() {
        return keys;
    }

    /** The size of the object, or empty when the store does not hold it. */
    OptionalLong size(String key) throws TeamStoreException {
        try {
            return OptionalLong.of(s3.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build())
                    .size());
        } catch (Exception e) {
            TeamStoreException failure = S3Errors.of(e, config, key);
            if (failure.kind() == Kind.NOT_FOUND) {
                return OptionalLong.empty();
            }
            throw failure;
        }
    }

    /** Bytes {@code from} to {@code last} inclusive ({@code last < 0}: to the end). */
    InputStream open(String key, long from, long last) throws TeamStoreException {
        var args = GetObjectArgs.builder().bucket(config.bucket()).object(key);
        if (from > 0 || last >= 0) {
            args.offset(from);
            if (last >= 0) {
                args.length(last - from + 1);
            }
        }
        try {
            return s3.getObject(args.build());
        } catch (Exception e) {
            throw S3Errors.of(e, config, key);
        }
    }

    /** A small object (a manifest, a ref), refused past {@code max} bytes: what the store says is untrusted. */
    byte[] read(String key, int max) throws TeamStoreException {
        try (InputStream in = open(key, 0, -1)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new TeamStoreException(Kind.INVALID, 0,
                        new dev.modelkeeper.core.task.Message(StoreConfig.BUNDLE, "team.error.tooLarge", key, max), null);
            }
            return bytes;
        } catch (IOException e) {
            throw S3Errors.of(e, config, key);
        }
    }

    /**
     * Creates the object unless it exists ({@code If-None-Match: *}), so two pushers never overwrite each other;
     * a store that ignores the condition gets the same bytes again, which for a content-named blob is harmless.
     * Returns false when the object was already there.
     */
    boolean createFile(String key, Path file, long size) throws TeamStoreException {
        return createFile(key, file, size, n -> { }, Cancellation.create());
    }

    /**
     * As {@link #createFile(String, Path, long)}, telling {@code sent} each chunk of bytes handed to the upload.
     * Cancelling makes the next read fail, so the request ends unfinished: S3 keeps no object of an unfinished
     * PUT, and an unfinished multipart upload is aborted (or left for the lifecycle rule), never a visible object.
     */
    boolean createFile(String key, Path file, long size, LongConsumer sent, Cancellation cancel)
            throws TeamStoreException {
        try (InputStream in = new Watched(Files.newInputStream(file), sent, cancel)) {
            return put(key, in, size);
        } catch (IOException e) {
            throw S3Errors.of(e, config, key);
        }
    }

    boolean create(String key, byte[] bytes) throws TeamStoreException {
        return put(key, new ByteArrayInputStream(bytes), bytes.length);
    }

    /** Writes the object whether or not it exists (a ref moves). */
    void replace(String key, byte[] bytes) throws TeamStoreException {
        try {
            s3.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(key)
                    .stream(new ByteArrayInputStream(bytes), (long) bytes.length, null).build());
        } catch (Exception e) {
            throw S3Errors.of(e, config, key);
        }
    }

    private boolean put(String key, InputStream in, long size) throws TeamStoreException {
        try {
            s3.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(key)
                    .headers(Map.of("If-None-Match", "*"))
                    .stream(in, size, size > PART_SIZE ? PART_SIZE : null).build());
            return true;
        } catch (Exception e) {
            TeamStoreException failure = S3Errors.of(e, config, key);
            if (failure.kind() == Kind.EXISTS) {
                return false;
            }
            throw failure;
        }
    }

    /** A file being uploaded: reports what was read, and stops at the first read after a cancel. */
    private static final class Watched extends FilterInputStream {
        private final LongConsumer sent;
        private final Cancellation cancel;

        Watched(InputStream in, LongConsumer sent, Cancellation cancel) {
            super(in);
            this.sent = sent;
            this.cancel = cancel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (cancel.isCancelled()) {
                throw new InterruptedIOException("cancelled");
            }
            int n = super.read(buf, off, len);
            if (n > 0) {
                sent.accept(n);
            }
            return n;
        }
    }

    /** The names of every object under {@code prefix}, with their sizes. */
    List<Map.Entry<String, Long>> list(String prefix) throws TeamStoreException {
        var names = new ArrayList<Map.Entry<String, Long>>();
        try {
            for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket(config.bucket()).prefix(prefix)
                    .recursive(true).build())) {
                Item item = r.get();
                names.add(Map.entry(item.objectName(), item.size()));
            }
        } catch (Exception e) {
            throw S3Errors.of(e, config, prefix);
        }
        return names;
    }

    String manifestKey(RepoType type, String repoId, String commit) {
        return keys.manifest(type, repoId, commit);
    }
}
