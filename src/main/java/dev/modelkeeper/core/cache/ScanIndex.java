package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The last scan of each hub cache root, per repo, keyed by the stamps of the repo's folders ({@link RepoStamps}):
 * a re-scan reuses a repo whose folders are unchanged and whose refs read the same, without a stat per blob or
 * a readlink per snapshot entry. One file per root in the app's cache folder, written atomically, with a
 * versioned header and a checksum. Missing, unreadable, corrupt, of another version or of another root: a cold
 * scan, and the next scan writes it anew. Deleting it only costs one cold scan.
 */
public final class ScanIndex {

    /** No index: every scan is cold and nothing is written. */
    public static final ScanIndex NONE = new ScanIndex(null, Duration.ZERO, Duration.ZERO);

    /** Folders changed this shortly before a scan are not trusted (coarse file system clocks). */
    static final Duration RACY = Duration.ofSeconds(2);

    /**
     * How long a repo's entry is trusted at all. Reading a model updates its blobs' access times and nothing
     * else, so the index cannot see it; with Linux's default {@code relatime} an access time itself moves at
     * most once a day, so looking at every repo in full once a day keeps "last used" as fresh as the disk does.
     */
    static final Duration MAX_AGE = Duration.ofHours(24);

    private static final long MAGIC = 0x4d4b5343414e4958L; // "MKSCANIX"
    private static final int VERSION = 3;

    /** One repo as the index keeps it: the folder name, its stamps, how many leading findings are the refs'. */
    record Entry(String folder, java.util.List<RepoStamps.Stamp> stamps, int refFindings, HubRepoScanner.Result result,
                 Instant indexedAt) {
    }

    /**
     * One repo's bytes in a loaded index, decoded only when its repo is looked at (on the scan's threads, and
     * only for the repos that are there): {@code null} when they do not decode, which means a cold scan of it.
     */
    record Stored(Path root, Instant indexedAt, byte[] bytes, int offset, int length) {

        Entry decode() {
            try {
                return ScanIndexCodec.readEntry(ByteBuffer.wrap(bytes, offset, length).slice(), root, indexedAt);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    private final Path dir;
    private final Duration racy;
    private final Duration maxAge;

    /** @param dir the folder holding the index files ({@code AppPaths.cacheDir()/scan-index}) */
    public ScanIndex(Path dir) {
        this(dir, RACY, MAX_AGE);
    }

    ScanIndex(Path dir, Duration racy, Duration maxAge) {
        this.dir = dir;
        this.racy = racy;
        this.maxAge = maxAge;
    }

    /** Whether an entry written at {@code indexedAt} may still be used by a scan starting at {@code start}. */
    boolean fresh(Stored stored, Instant start) {
        return stored.indexedAt().isAfter(start.minus(maxAge)) && !stored.indexedAt().isAfter(start);
    }

    public static ScanIndex in(Path appCacheDir) {
        return new ScanIndex(appCacheDir.resolve("scan-index"));
    }

    boolean enabled() {
        return dir != null;
    }

    /** Folders changed after this instant are too recent to be indexed by a scan starting at {@code start}. */
    Instant racyAfter(Instant start) {
        return start.minus(racy);
    }

    /** The index file of a root. */
    Path fileFor(Path root) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".idx");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root's last scan by repo folder name; empty when there is none usable. Never throws. */
    Map<String, Stored> load(Path root) {
        if (dir == null) {
            return Map.of();
        }
        Path file = fileFor(root);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] all = raw.readAllBytes();
            if (all.length < 8) {
                return Map.of();
            }
            var crc = new CRC32();
            crc.update(all, 0, all.length - 8);
            long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                return Map.of();
            }
            var in = ByteBuffer.wrap(all, 0, all.length - 8);
            if (in.getLong() != MAGIC || in.getInt() != VERSION || !ScanIndexCodec.readString(in).equals(root.toString())) {
                return Map.of();
            }
            int n = in.getInt();
            var entries = new HashMap<String, Stored>(n * 2);
            for (int i = 0; i < n; i++) {
                String folder = ScanIndexCodec.readString(in);
                Instant indexedAt = Instant.ofEpochMilli(in.getLong());
                int length = in.getInt();
                entries.put(folder, new Stored(root, indexedAt, all, in.position(), length));
                in.position(in.position() + length);
            }
            return entries;
        } catch (IOException | RuntimeException e) { // corrupt or of another shape: a cold scan
            return Map.of();
        }
    }

    /** Replaces the root's index with these repos; a failure to write only costs a cold scan next time. */
    void save(Path root, Collection<Entry> entries) {
        if (dir == null) {
            return;
        }
        try {
            var bytes = new ByteArrayOutputStream(1 << 20);
            var out = new DataOutputStream(bytes);
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            ScanIndexCodec.writeString(out, root.toString());
            out.writeInt(entries.size());
            var one = new ByteArrayOutputStream(1 << 16);
            var entryOut = new DataOutputStream(one);
            for (Entry e : entries) {
                one.reset();
                ScanIndexCodec.writeEntry(entryOut, root, e);
                entryOut.flush();
                ScanIndexCodec.writeString(out, e.folder());
                out.writeLong(e.indexedAt().toEpochMilli());
                out.writeInt(one.size());
                one.writeTo(out);
            }
            out.flush();
            var crc = new CRC32();
            byte[] body = bytes.toByteArray();
            crc.update(body);
            out.writeLong(crc.getValue());
            out.flush();
            AtomicFiles.write(fileFor(root), bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(fileFor(root)); // never leave an index older than what the scan saw
            } catch (IOException ignored) {
                // next load finds a stale index whose stamps no longer match: still correct, only slower
            }
        }
    }
}
