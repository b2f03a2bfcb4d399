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
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), os);
    }

    /** The variable's value if it is set (an empty value counts as set, as in Python). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }
}
