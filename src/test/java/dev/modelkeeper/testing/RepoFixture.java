package dev.modelkeeper.testing;

import static dev.modelkeeper.testing.CacheFixture.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One repo folder of a {@link CacheFixture}; every method returns this for chaining. */
public final class RepoFixture {

    private final CacheFixture cache;
    private final Path dir;

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
        return linked(commit, path, CacheFixture.gitSha1(bytes), bytes);
    }

    /** An LFS file: blob named by its sha256. */
    public RepoFixture lfsFile(String commit, String path, byte[] content) {
        return linked(commit, path, CacheFixture.sha256(content), content);
    }

    /** Copy mode: a real file inside the snapshot, no blob. */
    public RepoFixture copyFile(String commit, String path, String content) {
        Path target = snapshot(commit).resolve(path);
        io(() -> {
            Files.createDirectories(target.getParent());
            Files.writeString(target, content);
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

    private RepoFixture linked(String commit, String path, String etag, byte[] bytes) {
        io(() -> {
            if (!Files.exists(blob(etag))) {
                Files.write(blob(etag), bytes);
            }
        });
        return link(commit, path, etag);
    }
}
