package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.cache.RepoType;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code rm} is asked to remove, written as {@code hf cache rm} takes it: {@code model/org/name},
 * {@code hf://models/org/name}, a 40-hex revision, or {@code hf://models/org/name/path/file} (that file in every
 * cached revision; {@code hf://models/org/name@<commit or ref>/path} narrows it to one snapshot, which the
 * official command refuses).
 */
public sealed interface CleanupTarget {

    /** The whole cached repo. */
    record WholeRepo(RepoType type, String repoId) implements CleanupTarget {
    }

    /** One revision, in whichever repo holds it (commit hashes are unique across repos). */
    record OneRevision(String commit) implements CleanupTarget {
    }

    /** One file of the repo's snapshots; every snapshot when {@code revision} is empty. */
    record OneFile(RepoType type, String repoId, Optional<String> revision, String path) implements CleanupTarget {
    }

    Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{40}");

    /** Reads a target as typed; empty when it is none of the forms above. */
    static Optional<CleanupTarget> parse(String text) {
        String t = text.strip();
        if (COMMIT.matcher(t).matches()) {
            return Optional.of(new OneRevision(t.toLowerCase(Locale.ROOT)));
        }
        if (t.startsWith("hf://")) {
            return parseUri(t.substring("hf://".length()));
        }
        int slash = t.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<RepoType> type = RepoType.fromId(t.substring(0, slash)).filter(r -> r.folderPrefix() != null);
        String id = t.substring(slash + 1);
        if (type.isEmpty() || id.isEmpty() || id.split("/", -1).length > 2 || id.contains("//")) {
            return Optional.empty();
        }
        return Optional.of(new WholeRepo(type.get(), id));
    }

    /** {@code [<type>s/]<org>/<name>[@<revision>][/<path>]}, the repo id always two segments as the official parser. */
    private static Optional<CleanupTarget> parseUri(String body) {
        String[] parts = body.split("/", -1);
        int at = 0;
        RepoType type = RepoType.MODEL;
        var prefixed = RepoType.fromFolderPrefix(parts[0]);
        if (prefixed.isPresent()) {
            type = prefixed.get();
            at = 1;
        }
        if (parts.length - at < 2 || parts[at].isEmpty() || parts[at + 1].isEmpty()) {
            return Optional.empty();
        }
        String name = parts[at + 1];
        Optional<String> revision = Optional.empty();
        int rev = name.indexOf('@');
        if (rev >= 0) {
            revision = Optional.of(name.substring(rev + 1));
            name = name.substring(0, rev);
        }
        String id = parts[at] + "/" + name;
        String path = String.join("/", java.util.Arrays.copyOfRange(parts, at + 2, parts.length));
        if (path.isEmpty()) {
            return revision.isPresent() ? Optional.empty() : Optional.of(new WholeRepo(type, id));
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(new OneFile(type, id, revision, path));
    }
}
