package dev.modelkeeper.core.hub;

import java.util.Optional;

/**
 * The rule for a file path or ref name that comes from a server or a user and will become a path in a
 * cache: relative, '/'-separated, and unable to leave the folder it is resolved in. The official client
 * refuses the same names ({@code Invalid filename …: cannot contain a '..' path segment}).
 */
public final class RepoPaths {

    private RepoPaths() {
    }

    /** What is wrong with {@code path} as a file path in a repo, or empty when it is safe to resolve. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("an empty file name");
        }
        if (path.indexOf('\0') >= 0) {
            return Optional.of("a NUL character");
        }
        if (path.startsWith("/") || path.length() > 1 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            return Optional.of("an absolute path");
        }
        if (path.indexOf('\\') >= 0) {
            return Optional.of("a backslash, which is a folder separator on Windows");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("an empty path segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("a '" + segment + "' path segment");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} can be resolved below a folder without leaving it. */
    public static boolean isSafe(String path) {
        return problem(path).isEmpty();
    }
}
