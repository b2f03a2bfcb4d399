package dev.modelkeeper.core.manifest;

import dev.modelkeeper.core.fs.IoReasons;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.fs.AtomicFiles;
import dev.modelkeeper.core.manifest.ProjectManifest.Entry;
import dev.modelkeeper.core.manifest.YamlTree.Mapping;
import dev.modelkeeper.core.manifest.YamlTree.Node;
import dev.modelkeeper.core.task.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code modelkeeper.lock.yaml}: the commit each entry of the manifest resolved to when {@code ensure --lock} ran.
 * While it exists, ensure asks for these commits, so every machine gets the same bytes however the Hub's branches
 * move. Read as untrusted input like the manifest: entries are checked by the same rules.
 *
 * @param file    where it is
 * @param commits the locked commit of each entry, by {@link Entry#label()}
 */
public record LockFile(Path file, Map<String, String> commits) {

    static final int VERSION = 1;
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public LockFile {
        commits = Map.copyOf(commits);
    }

    /** The commit locked for {@code entry}; an entry that names a commit is its own lock. */
    public Optional<String> commit(Entry entry) {
        return entry.commit() != null ? Optional.of(entry.commit()) : Optional.ofNullable(commits.get(entry.label()));
    }

    /** The lock file of {@code manifest}, or empty when there is none. */
    public static Optional<LockFile> readIfExists(ProjectManifest manifest) throws ManifestException {
        Path file = manifest.lockFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(file, ProjectManifest.bytes(file, "manifest.error.unreadable")));
    }

    static LockFile parse(Path file, byte[] yaml) throws ManifestException {
        var checks = new ProjectManifest.Checks(file.getFileName().toString());
        Mapping root = checks.mapping(new YamlTree(checks.name).read(yaml), "the file");
        checks.knownKeys(root, Set.of("version", "repos"));
        Node version = root.values().get("version");
        if (version != null && !String.valueOf(VERSION).equals(checks.requireText(version, "version"))) {
            throw checks.fault(version.line(), "manifest.error.lockVersion", checks.requireText(version, "version"));
        }
        var commits = new LinkedHashMap<String, String>();
        Node repos = root.values().get("repos");
        for (Node item : repos == null ? java.util.List.<Node>of() : checks.list(repos, "repos")) {
            Mapping m = checks.mapping(item, "an entry of repos");
            Node commitNode = m.values().get("commit");
            var rest = new LinkedHashMap<>(m.values());
            rest.remove("commit");
            Entry e = checks.entry(new Mapping(rest, m.keyLines(), m.line()));
            if (commitNode == null) {
                throw checks.fault(m.line(), "manifest.error.lockNoCommit", e.repo());
            }
            String commit = checks.requireText(commitNode, "commit");
            if (!COMMIT.matcher(commit).matches()) {
                throw checks.fault(commitNode.line(), "manifest.error.badCommit", commit);
            }
            commits.put(e.label(), commit);
        }
        return new LockFile(file, commits);
    }

    /** Writes the lock file of {@code manifest} with the commits resolved for its entries (by label). */
    public static LockFile write(ProjectManifest manifest, Map<String, String> resolved) throws ManifestException {
        var text = new StringBuilder()
                .append("# Written by modelkeeper ensure --lock: the commit each entry of ")
                .append(manifest.file().getFileName()).append(" resolved to.\n")
                .append("# Keep it beside the manifest (commit both): ensure then gets these commits on every machine.\n")
                .append("# Run modelkeeper ensure --lock again to move to newer commits.\n")
                .append("version: ").append(VERSION).append('\n')
                .append("repos:\n");
        var commits = new LinkedHashMap<String, String>();
        for (Entry e : manifest.entries()) {
            String commit = resolved.get(e.label());
            if (commit == null || !COMMIT.matcher(commit).matches()) {
                continue;
            }
            commits.put(e.label(), commit);
            text.append("  - repo: ").append(quote(e.repo())).append('\n');
            if (e.type() != RepoType.MODEL) {
                text.append("    type: ").append(e.type().id()).append('\n');
            }
            text.append("    revision: ").append(quote(e.wanted())).append('\n');
            text.append("    commit: ").append(commit).append('\n');
        }
        Path file = manifest.lockFile();
        try {
            AtomicFiles.writeString(file, text.toString());
        } catch (IOException e) {
            throw new ManifestException(new Message(ManifestException.BUNDLE, "manifest.error.writeLock", file,
                    IoReasons.of(e)), e);
        }
        return new LockFile(file, commits);
    }

    /** A YAML double-quoted scalar (JSON's string syntax is one). */
    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
