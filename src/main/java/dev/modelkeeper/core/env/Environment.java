package dev.modelkeeper.core.env;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process environment as the path rules need it, injectable for tests.
 *
 * @param variables environment variables
 * @param home      the user's home directory
 * @param os        the operating system family
 */
public record Environment(Map<String, String> variables, Path home, Os os) {

    /** Operating system families with different path conventions. */
    public enum Os { LINUX, MAC, WINDOWS }

    public Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(os, "os");
    }

    /** The real environment of this process. */
    public static Environment system() {
        String name = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        Os os = name.startsWith("windows") ? Os.WINDOWS : name.contains("mac") ? Os.MAC : Os.LINUX;
        return of(System.getenv(), os, System.getProperty("user.home"));
    }

    /** An environment whose home follows its variables ({@link #home}); {@code accountHome} is the fallback. */
    public static Environment of(Map<String, String> variables, Os os, String accountHome) {
        return new Environment(variables, home(variables, os, accountHome), os);
    }

    /**
     * {@code ~} as Python's {@code os.path.expanduser} (and so the official client) reads it: {@code $HOME}
     * when it is set, else the account's home; on Windows {@code USERPROFILE}, else {@code HOMEDRIVE} +
     * {@code HOMEPATH}. Services, {@code sudo}, containers and CI jobs set {@code HOME} to another folder, and
     * the models are where that program looked.
     */
    static Path home(Map<String, String> variables, Os os, String accountHome) {
        if (os == Os.WINDOWS) {
            String profile = variables.get("USERPROFILE");
            if (profile != null && !profile.isEmpty()) {
                return Path.of(profile);
            }
            String drive = variables.get("HOMEDRIVE");
            String path = variables.get("HOMEPATH");
            return drive != null && path != null ? Path.of(drive + path) : Path.of(accountHome);
        }
        String home = variables.get("HOME");
        if (home == null) {
            return Path.of(accountHome);
        }
        return home.isEmpty() ? Path.of("/") : Path.of(home); // Python: an empty HOME makes ~ the root
    }

    /** The variable's value if it is set (an empty value counts as set, as in Python). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }
}
