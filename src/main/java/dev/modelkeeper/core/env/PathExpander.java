package dev.modelkeeper.core.env;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code os.path.expanduser} + {@code os.path.expandvars}, which the official client applies to
 * its cache paths (spec §1.1): a leading {@code ~}, {@code $VAR} and {@code ${VAR}} on every OS, and
 * {@code %VAR%} on Windows. Unknown variables are left as written.
 */
final class PathExpander {

    private static final Pattern POSIX_VAR = Pattern.compile("\\$(\\w+|\\{[^}]*})");
    private static final Pattern WINDOWS_VAR = Pattern.compile("%([^%]+)%");

    private final Environment env;

    PathExpander(Environment env) {
        this.env = env;
    }

    /** expanduser then expandvars, then made absolute against the working directory (Python's resolve()). */
    Path expand(String raw) {
        return Path.of(expandVars(expandUser(raw))).toAbsolutePath().normalize();
    }

    /** Only a leading {@code ~} (torch and ModelScope expand nothing else). */
    Path expandUserOnly(String raw) {
        return Path.of(expandUser(raw)).toAbsolutePath().normalize();
    }

    String expandUser(String raw) {
        if (raw.equals("~")) {
            return env.home().toString();
        }
        if (raw.startsWith("~/") || (env.os() == Environment.Os.WINDOWS && raw.startsWith("~\\"))) {
            return env.home().toString() + raw.substring(1);
        }
        return raw;
    }

    String expandVars(String raw) {
        String out = replace(POSIX_VAR, raw, m -> {
            String name = m.group(1);
            return name.startsWith("{") ? name.substring(1, name.length() - 1) : name;
        });
        return env.os() == Environment.Os.WINDOWS ? replace(WINDOWS_VAR, out, m -> m.group(1)) : out;
    }

    private String replace(Pattern pattern, String raw, java.util.function.Function<Matcher, String> nameOf) {
        Matcher m = pattern.matcher(raw);
        var sb = new StringBuilder();
        while (m.find()) {
            String value = env.get(nameOf.apply(m)).orElse(m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
