package dev.modelkeeper.core.manifest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The variables that make programs load the ensured models from this cache with no network: the cache
 * ({@code HF_HUB_CACHE}, and {@code HF_HOME} when the cache is {@code $HF_HOME/hub}, so the token and the xet cache
 * agree) and {@code HF_HUB_OFFLINE=1}, written for a shell, a Dockerfile and a compose file.
 *
 * @param variables name → value, in the order to print
 */
public record OfflineEnvironment(Map<String, String> variables) {

    public OfflineEnvironment {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** @param hfHome the {@code HF_HOME} in effect, to name it when the cache is its {@code hub} folder */
    public static OfflineEnvironment of(Path cache, Path hfHome) {
        var v = new LinkedHashMap<String, String>();
        Path c = cache.toAbsolutePath().normalize();
        if (c.equals(hfHome.toAbsolutePath().normalize().resolve("hub"))) {
            v.put("HF_HOME", hfHome.toAbsolutePath().normalize().toString());
        }
        v.put("HF_HUB_CACHE", c.toString());
        v.put("HF_HUB_OFFLINE", "1");
        return new OfflineEnvironment(v);
    }

    /** {@code export NAME='value'} lines, for {@code eval} in a POSIX shell. */
    public String shell() {
        return variables.entrySet().stream().map(e -> "export " + e.getKey() + "=" + singleQuoted(e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /** {@code ENV NAME="value"} lines for a Dockerfile. */
    public String dockerfile() {
        return variables.entrySet().stream()
                .map(e -> "ENV " + e.getKey() + "=" + doubleQuoted(e.getValue()).replace("$", "\\$"))
                .collect(Collectors.joining("\n"));
    }

    /** An {@code environment:} block for a service of a compose file. */
    public String compose() {
        return "environment:\n" + variables.entrySet().stream()
                .map(e -> "  " + e.getKey() + ": " + doubleQuoted(e.getValue()).replace("$", "$$"))
                .collect(Collectors.joining("\n"));
    }

    private static String singleQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String doubleQuoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
