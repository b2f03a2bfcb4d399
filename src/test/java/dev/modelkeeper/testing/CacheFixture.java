package dev.modelkeeper.testing;

import dev.modelkeeper.core.cache.RepoType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds Hugging Face hub caches on disk exactly as the official client lays them out (spec §2), plus
 * the broken variants it leaves behind, for tests. Blob names are real checksums: git-sha1 for regular
 * files, sha256 for LFS files.
 */
public final class CacheFixture {

    private final Path dir;

    public CacheFixture(Path dir) {
        this.dir = dir;
        io(() -> Files.createDirectories(dir));
    }

    public Path dir() {
        return dir;
    }

    public RepoFixture model(String id) {
        return repo(RepoType.MODEL, id);
    }

    public RepoFixture repo(RepoType type, String id) {
        return new RepoFixture(this, dir.resolve(type.folderPrefix() + "--" + id.replace("/", "--")));
    }

    /** A deterministic 40-hex commit hash for test number {@code n}. */
    public static String commit(int n) {
        return sha1(("commit-" + n).getBytes(StandardCharsets.UTF_8));
    }

    /** Marks {@code CACHE/blobs} as the 2.0 shared store. */
    public Path sharedStore() {
        Path store = dir.resolve("blobs");
        io(() -> {
            Files.createDirectories(store);
            Files.writeString(store.resolve(".huggingface-shared-blobs"), "1\n");
        });
        return store;
    }

    public static String gitSha1(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return sha1(all);
    }

    public static String sha256(byte[] content) {
        return digest("SHA-256", content);
    }

    private static String sha1(byte[] content) {
        return digest("SHA-1", content);
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs file-system work, turning IOExceptions into unchecked ones so fixtures read fluently. */
    static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File-system work that may fail. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }
}
