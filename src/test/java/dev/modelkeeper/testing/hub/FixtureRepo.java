package dev.modelkeeper.testing.hub;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.testing.CacheFixture;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repo served by {@link HubEmulator}: commits with their files, and refs (branches, tags, PR refs)
 * pointing at them. Files are regular git files (ETag = git blob sha1) or LFS files (X-Linked-Etag =
 * sha256), exactly as the Hub names blobs.
 */
public final class FixtureRepo {

    /** One file at one commit. Its hashes are computed once: the emulator serves gigabyte files too. */
    public static final class File {
        private final String path;
        private final byte[] content;
        private final boolean lfs;
        private final String etag;
        private final String gitOid;

        File(String path, byte[] content, boolean lfs) {
            this.path = path;
            this.content = content;
            this.lfs = lfs;
            String sha256 = lfs ? CacheFixture.sha256(content) : null;
            this.etag = lfs ? sha256 : CacheFixture.gitSha1(content);
            this.gitOid = lfs ? CacheFixture.gitSha1(pointer(sha256, content.length).getBytes(StandardCharsets.UTF_8))
                    : etag;
        }

        public String path() {
            return path;
        }

        public byte[] content() {
            return content;
        }

        public boolean lfs() {
            return lfs;
        }

        public String etag() {
            return etag;
        }

        public String gitOid() {
            return gitOid;
        }

        /** The LFS pointer file git stores instead of the content. */
        String pointer() {
            return pointer(etag, content.length);
        }

        private static String pointer(String sha256, int size) {
            return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize " + size + "\n";
        }
    }

    private final RepoType type;
    private final String id;
    private final Map<String, Map<String, File>> commits = new LinkedHashMap<>();
    private final Map<String, String> refs = new TreeMap<>();

    public FixtureRepo(RepoType type, String id) {
        this.type = type;
        this.id = id;
    }

    public static FixtureRepo model(String id) {
        return new FixtureRepo(RepoType.MODEL, id);
    }

    public RepoType type() {
        return type;
    }

    public String id() {
        return id;
    }

    /** Starts a new commit whose files are copied from the previous one. Returns its hash. */
    public String commit(int number) {
        String sha = CacheFixture.commit(1000 + number + id.hashCode());
        var files = new TreeMap<String, File>();
        if (!commits.isEmpty()) {
            files.putAll(commits.values().stream().reduce((a, b) -> b).orElseThrow());
        }
        commits.put(sha, files);
        return sha;
    }

    public FixtureRepo file(String commit, String path, String content) {
        commits.get(commit).put(path, new File(path, content.getBytes(StandardCharsets.UTF_8), false));
        return this;
    }

    public FixtureRepo lfsFile(String commit, String path, byte[] content) {
        commits.get(commit).put(path, new File(path, content, true));
        return this;
    }

    public FixtureRepo remove(String commit, String path) {
        commits.get(commit).remove(path);
        return this;
    }

    public FixtureRepo ref(String name, String commit) {
        refs.put(name, commit);
        return this;
    }

    /** A 40-hex commit, or a ref name, resolved to a commit. */
    public Optional<String> resolve(String revision) {
        if (commits.containsKey(revision)) {
            return Optional.of(revision);
        }
        return Optional.ofNullable(refs.get(revision));
    }

    public Map<String, File> files(String commit) {
        return commits.get(commit);
    }

    public List<String> commits() {
        return List.copyOf(commits.keySet());
    }

    /** The URL prefix of resolve URLs: "" for models, "datasets/" ... */
    String urlPrefix() {
        return type == RepoType.MODEL ? "" : type.folderPrefix() + "/";
    }
}
