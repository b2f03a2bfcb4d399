package dev.modelkeeper.core.hub;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Include / exclude patterns with the official semantics (spec §4.5, {@code filter_repo_objects}):
 * {@code fnmatch} rules, case-sensitive on every OS, {@code *} also matches {@code /}, backslashes are
 * slashes, and a pattern ending in {@code /} matches everything below it.
 */
public final class PathPatterns {

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    public PathPatterns(List<String> include, List<String> exclude) {
        this.include = include.stream().map(PathPatterns::compile).toList();
        this.exclude = exclude.stream().map(PathPatterns::compile).toList();
    }

    public static PathPatterns all() {
        return new PathPatterns(List.of(), List.of());
    }

    public boolean accepts(String path) {
        String p = path.replace('\\', '/');
        return (include.isEmpty() || include.stream().anyMatch(r -> r.matcher(p).matches()))
                && exclude.stream().noneMatch(r -> r.matcher(p).matches());
    }

    /** fnmatch to regex: {@code *} any run, {@code ?} one character, {@code [seq]} / {@code [!seq]} sets. */
    static Pattern compile(String glob) {
        String g = glob.replace('\\', '/');
        if (g.endsWith("/")) {
            g = g + "*";
        }
        var re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            int close = c == '[' ? g.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (close > 0) {
                String set = g.substring(i + 1, close);
                String body = set.startsWith("!") ? "^" + set.substring(1) : set;
                re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
