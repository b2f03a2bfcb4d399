package dev.modelkeeper.core.manifest;

import dev.modelkeeper.core.fs.IoReasons;
import static dev.modelkeeper.core.manifest.ManifestException.BUNDLE;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.hub.RepoPaths;
import dev.modelkeeper.core.manifest.YamlTree.Mapping;
import dev.modelkeeper.core.manifest.YamlTree.Node;
import dev.modelkeeper.core.manifest.YamlTree.Scalar;
import dev.modelkeeper.core.manifest.YamlTree.Sequence;
import dev.modelkeeper.core.task.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project's {@code modelkeeper.yaml}: the repos it needs (each a revision or a commit, with include/exclude
 * patterns), and optionally the hub cache to keep them in and the team store to fill it from (docs/manifest.md).
 * The file is untrusted input: every fault is one sentence with its line, never a stack trace.
 *
 * @param file    the manifest file
 * @param cache   the hub cache it asks for, as written ({@code ~} and relative paths are resolved by {@link #cacheDir})
 * @param store   the team store, {@code s3://bucket[/prefix]}
 * @param entries the repos, in file order
 */
public record ProjectManifest(Path file, Optional<String> cache, Optional<String> store, List<Entry> entries) {

    /** The manifest's usual name, looked for in the working directory. */
    public static final String FILE_NAME = "modelkeeper.yaml";
    /** Larger than any hand-written manifest; a larger file is refused before it is parsed. */
    static final int MAX_BYTES = 1 << 20;

    /** The repo id rule of the Hub (huggingface_hub's validate_repo_id): {@code name} or {@code org/name}. */
    private static final Pattern REPO_ID = Pattern.compile("([A-Za-z0-9][\\w.-]{0,95}/)?[A-Za-z0-9][\\w.-]{0,95}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern STORE = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");
    private static final Set<String> TOP_KEYS = Set.of("cache", "store", "repos");
    private static final Set<String> ENTRY_KEYS = Set.of("repo", "type", "revision", "commit", "include", "exclude");

    /**
     * One repo to have offline.
     *
     * @param revision the branch, tag or PR ref as written; null when the entry names a commit
     * @param commit   the commit the entry pins, or null
     * @param line     where the entry starts in the file
     */
    public record Entry(RepoType type, String repo, String revision, String commit, List<String> include,
                        List<String> exclude, int line) {

        public Entry {
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
        }

        /** What to ask the Hub or the store for: the commit when one is written, else the revision. */
        public String wanted() {
            return commit != null ? commit : revision;
        }

        /** How the entry is named in sentences and matched with the lock file: {@code org/name@main}. */
        public String label() {
            return (type == RepoType.MODEL ? "" : type.id() + ":") + repo + "@" + wanted();
        }
    }

    public ProjectManifest {
        entries = List.copyOf(entries);
    }

    /** The lock file beside the manifest: {@code modelkeeper.lock.yaml}. */
    public Path lockFile() {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString().replaceAll("\\.ya?ml$", "");
        return dir.resolve(name + ".lock.yaml");
    }

    /** The cache the manifest asks for: {@code ~} is the user's home, a relative path is beside the manifest. */
    public Optional<Path> cacheDir(Environment env) {
        return cache.map(c -> {
            String raw = c.strip();
            Path p = raw.equals("~") ? env.home() : raw.startsWith("~/") ? env.home().resolve(raw.substring(2)) : Path.of(raw);
            return (p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p)).normalize();
        });
    }

    /** Reads and checks {@code file}. */
    public static ProjectManifest read(Path file) throws ManifestException {
        return parse(file, bytes(file, "manifest.error.notFound"));
    }

    static byte[] bytes(Path file, String missingKey) throws ManifestException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ManifestException(new Message(BUNDLE, "manifest.error.tooLarge", file, MAX_BYTES), null);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ManifestException(new Message(BUNDLE, missingKey, file), e);
        } catch (IOException e) {
            throw new ManifestException(new Message(BUNDLE, "manifest.error.unreadable", file, IoReasons.of(e)), e);
        }
    }

    static ProjectManifest parse(Path file, byte[] yaml) throws ManifestException {
        var checks = new Checks(file.getFileName().toString());
        Mapping root = checks.mapping(new YamlTree(checks.name).read(yaml), "the file");
        checks.knownKeys(root, TOP_KEYS);
        Optional<String> cache = root.values().get("cache") == null ? Optional.empty()
                : Optional.of(checks.requireText(root.values().get("cache"), "cache"));
        Optional<String> store = root.values().get("store") == null ? Optional.empty()
                : Optional.of(checks.requireText(root.values().get("store"), "store"));
        if (store.isPresent() && !STORE.matcher(store.get().strip()).matches()) {
            throw checks.fault(root.values().get("store").line(), "manifest.error.badStore", store.get());
        }
        Node repos = root.values().get("repos");
        if (repos == null || repos instanceof Sequence s && s.items().isEmpty()) {
            throw new ManifestException(new Message(BUNDLE, "manifest.error.noRepos", checks.name), null);
        }
        var entries = new ArrayList<Entry>();
        var seen = new HashMap<String, Integer>();
        for (Node item : checks.list(repos, "repos")) {
            Entry e = checks.entry(item);
            Integer before = seen.putIfAbsent(e.label(), e.line());
            if (before != null) {
                throw checks.fault(e.line(), "manifest.error.duplicate", e.label(), before);
            }
            entries.add(e);
        }
        return new ProjectManifest(file, cache, store, entries);
    }

    /** The checks of one file, which name it and the line in every sentence. */
    static final class Checks {

        final String name;

        Checks(String name) {
            this.name = name;
        }

        ManifestException fault(int line, String key, Object... args) {
            var all = new Object[args.length + 2];
            all[0] = name;
            all[1] = line;
            System.arraycopy(args, 0, all, 2, args.length);
            return new ManifestException(new Message(BUNDLE, key, all), null);
        }

        Mapping mapping(Node n, String what) throws ManifestException {
            if (n instanceof Mapping m) {
                return m;
            }
            throw fault(n.line(), "manifest.error.notMapping", what);
        }

        List<Node> list(Node n, String what) throws ManifestException {
            if (n instanceof Sequence s) {
                return s.items();
            }
            throw fault(n.line(), "manifest.error.notList", what);
        }

        String requireText(Node n, String what) throws ManifestException {
            if (n instanceof Scalar s && s.text() != null && !s.text().isBlank()) {
                return s.text().strip();
            }
            throw fault(n.line(), "manifest.error.notText", what);
        }

        void knownKeys(Mapping m, Set<String> allowed) throws ManifestException {
            for (var k : m.values().keySet()) {
                if (!allowed.contains(k)) {
                    throw fault(m.keyLines().get(k), "manifest.error.unknownKey", k,
                            String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }

        Entry entry(Node item) throws ManifestException {
            Mapping m = mapping(item, "an entry of repos");
            knownKeys(m, ENTRY_KEYS);
            Node repoNode = m.values().get("repo");
            if (repoNode == null) {
                throw fault(m.line(), "manifest.error.missingRepo");
            }
            String repo = requireText(repoNode, "repo");
            if (!REPO_ID.matcher(repo).matches() || repo.contains("--") || repo.contains("..")) {
                throw fault(repoNode.line(), "manifest.error.badRepo", repo);
            }
            RepoType type = RepoType.MODEL;
            if (m.values().get("type") != null) {
                String t = requireText(m.values().get("type"), "type");
                type = RepoType.fromId(t).filter(x -> x == RepoType.MODEL || x == RepoType.DATASET || x == RepoType.SPACE)
                        .orElseThrow(() -> fault(m.values().get("type").line(), "manifest.error.badType", t));
            }
            String revision = null;
            String commit = null;
            if (m.values().get("revision") != null && m.values().get("commit") != null) {
                throw fault(m.keyLines().get("commit"), "manifest.error.revisionAndCommit");
            }
            if (m.values().get("commit") != null) {
                commit = requireText(m.values().get("commit"), "commit");
                if (!COMMIT.matcher(commit).matches()) {
                    throw fault(m.values().get("commit").line(), "manifest.error.badCommit", commit);
                }
            } else {
                revision = m.values().get("revision") == null ? "main" : requireText(m.values().get("revision"), "revision");
                if (!RepoPaths.isSafe(revision) || revision.length() > 255) {
                    throw fault(m.values().get("revision").line(), "manifest.error.badRevision", revision);
                }
                if (COMMIT.matcher(revision).matches()) {
                    commit = revision;
                    revision = null;
                }
            }
            return new Entry(type, repo, revision, commit, patterns(m, "include"), patterns(m, "exclude"), m.line());
        }

        private List<String> patterns(Mapping m, String key) throws ManifestException {
            Node n = m.values().get(key);
            if (n == null || n instanceof Scalar s && s.text() == null) {
                return List.of();
            }
            List<Node> items = n instanceof Scalar ? List.of(n) : list(n, key);
            var out = new ArrayList<String>();
            for (Node item : items) {
                String p = item instanceof Scalar s ? s.text() : null;
                if (p == null) {
                    throw fault(item.line(), "manifest.error.notText", key);
                }
                Optional<String> why = Patterns.problem(p);
                if (why.isPresent()) {
                    throw fault(item.line(), "manifest.error.badPattern", p, new Message(BUNDLE, why.get()));
                }
                out.add(p);
            }
            return out;
        }
    }
}
