package dev.modelkeeper.testing;

import static dev.modelkeeper.testing.CacheFixture.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** One repo folder of a {@link CacheFixture}; every method returns this for chaining. */
public final class RepoFixture {

    /** What a file of a revision is, as the Hub's tree listing says: blob name, size, git oid, LFS or not. */
    public record Listed(String etag, long size, String gitOid, boolean lfs) {
    }

    private final CacheFixture cache;
    private final Path dir;
    private final Map<String, Map<String, Listed>> listed = new LinkedHashMap<>();

    RepoFixture(CacheFixture cache, Path dir) {
        this.cache = cache;
        this.dir = dir;
        io(() -> {
            Files.createDirectories(dir.resolve("blobs"));
            Files.createDirectories(dir.resolve("snapshots"));
        });
    }

    public Path dir() {
        return dir;
    }

    public Path snapshot(String commit) {
        return dir.resolve("snapshots").resolve(commit);
    }

    public Path blob(String etag) {
        return dir.resolve("blobs").resolve(etag);
    }

    /** A regular (git) file: blob named by its git-sha1, linked relatively from the snapshot. */
    public RepoFixture file(String commit, String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        list(commit, path, bytes, false);
        return linked(commit, path, CacheFixture.gitSha1(bytes), bytes);
    }

    /** An LFS file: blob named by its sha256. */
    public RepoFixture lfsFile(String commit, String path, byte[] content) {
        list(commit, path, content, true);
        return linked(commit, path, CacheFixture.sha256(content), content);
    }

    /** Copy mode: a real file inside the snapshot, no blob. */
    public RepoFixture copyFile(String commit, String path, String content) {
        Path target = snapshot(commit).resolve(path);
        list(commit, path, content.getBytes(StandardCharsets.UTF_8), false);
        io(() -> {
            Files.createDirectories(target.getParent());
            Files.writeString(target, content);
        });
        return this;
    }

    /** The blob name of a file added to a revision. */
    public String etag(String commit, String path) {
        return listed.get(commit).get(path).etag();
    }

    /**
     * Writes {@code trees/<commit>.json} as huggingface_hub does after a snapshot download (spec §2.8),
     * listing every file added to the revision so far.
     */
    public RepoFixture treeListing(String commit) {
        var files = new TreeMap<String, Object>();
        listed.get(commit).forEach((path, l) -> {
            var info = new LinkedHashMap<String, Object>();
            info.put("size", l.size());
            info.put("blob_id", l.gitOid());
            if (l.lfs()) {
                info.put("lfs_sha256", l.etag());
                info.put("lfs_size", l.size());
            }
            files.put(path, info);
        });
        var doc = new LinkedHashMap<String, Object>();
        doc.put("format_version", 1);
        doc.put("files", files);
        io(() -> {
            Files.createDirectories(dir.resolve("trees"));
            Files.writeString(dir.resolve("trees").resolve(commit + ".json"),
                    new ObjectMapper().writeValueAsString(doc));
        });
        return this;
    }

    /** Flips one byte in the middle of a blob (bit rot, a bad copy); its size stays the same. */
    public RepoFixture flipByte(String etag) {
        io(() -> {
            try (var f = new RandomAccessFile(blob(etag).toFile(), "rw")) {
                long at = f.length() / 2;
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ 0xFF);
            }
        });
        return this;
    }

    /** Cuts a blob to {@code bytes} (an interrupted copy); 0 leaves it empty. */
    public RepoFixture truncateBlob(String etag, long bytes) {
        io(() -> {
            try (var f = new RandomAccessFile(blob(etag).toFile(), "rw")) {
                f.setLength(bytes);
            }
        });
        return this;
    }

    public RepoFixture deleteBlob(String etag) {
        io(() -> Files.delete(blob(etag)));
        return this;
    }

    /** Replaces a snapshot entry with a link to {@code target} (somewhere outside the repo's blobs). */
    public RepoFixture relink(String commit, String path, Path target) {
        Path link = snapshot(commit).resolve(path);
        io(() -> {
            Files.delete(link);
            Files.createSymbolicLink(link, link.getParent().relativize(target));
        });
        return this;
    }

    /** A snapshot link whose blob does not exist. */
    public RepoFixture danglingLink(String commit, String path) {
        return link(commit, path, "0".repeat(64));
    }

    /** A snapshot entry linking to {@code blobs/<etag>}, relative, one {@code ../} per directory level. */
    public RepoFixture link(String commit, String path, String etag) {
        Path link = snapshot(commit).resolve(path);
        io(() -> {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, link.getParent().relativize(blob(etag)));
        });
        return this;
    }

    /** An LFS file whose repo blob is a link into the 2.0 shared store ({@code CACHE/blobs/xx/<xethash>}). */
    public RepoFixture sharedFile(String commit, String path, byte[] content, String xetHash) {
        Path store = cache.sharedStore();
        Path payload = store.resolve(xetHash.substring(0, 2)).resolve(xetHash);
        String etag = CacheFixture.sha256(content);
        list(commit, path, content, true);
        io(() -> {
            Files.createDirectories(payload.getParent());
            if (!Files.exists(payload)) {
                Files.write(payload, content);
            }
            Path repoBlob = blob(etag);
            Files.deleteIfExists(repoBlob);
            Files.createSymbolicLink(repoBlob, repoBlob.getParent().relativize(payload));
        });
        return link(commit, path, etag);
    }

    public RepoFixture ref(String name, String commit) {
        return rawRef(name, commit);
    }

    /** Writes the ref file with exactly {@code content} (e.g. with a trailing newline). */
    public RepoFixture rawRef(String name, String content) {
        Path ref = dir.resolve("refs").resolve(name);
        io(() -> {
            Files.createDirectories(ref.getParent());
            Files.writeString(ref, content);
        });
        return this;
    }

    public RepoFixture emptyRevision(String commit) {
        io(() -> Files.createDirectories(snapshot(commit)));
        return this;
    }

    public RepoFixture orphanBlob(byte[] content) {
        io(() -> Files.write(blob(CacheFixture.sha256(content)), content));
        return this;
    }

    /** A partial download {@code blobs/<etag>.<suffix>incomplete}. */
    public RepoFixture incomplete(String name, int bytes) {
        io(() -> Files.write(dir.resolve("blobs").resolve(name), new byte[bytes]));
        return this;
    }

    private void list(String commit, String path, byte[] content, boolean lfs) {
        String oid = lfs ? CacheFixture.gitSha1(("version https://git-lfs.github.com/spec/v1\noid sha256:"
                + CacheFixture.sha256(content) + "\nsize " + content.length + "\n").getBytes(StandardCharsets.UTF_8))
                : CacheFixture.gitSha1(content);
        listed.computeIfAbsent(commit, c -> new TreeMap<>())
                .put(path, new Listed(lfs ? CacheFixture.sha256(content) : oid, content.length, oid, lfs));
    }

    private RepoFixture linked(String commit, String path, String etag, byte[] bytes) {
        io(() -> {
            if (!Files.exists(blob(etag))) {
                Files.write(blob(etag), bytes);
            }
        });
        return link(commit, path, etag);
    }
}
