package dev.modelkeeper.core.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cache variables a new login would have, read from the files that set them: {@code ~/.config/environment.d/*.conf}
 * (systemd user services and most desktops), then {@code ~/.profile}, {@code ~/.bash_profile} and {@code ~/.bashrc}.
 * Only plain {@code export X=value} and {@code X=value} lines are understood; a value built by a command
 * ({@code $(…)}, backquotes) or a line inside an {@code if} is read as written or not at all, so this is a
 * good guess, not a shell.
 */
final class LoginEnvironment {

    /** One variable set in a login file. */
    record Assignment(String value, Path file) {
    }

    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern VAR = Pattern.compile("\\$(\\w+|\\{\\w+})");

    private LoginEnvironment() {
    }

    /** The files in the order a login reads them (a later one wins). */
    static List<Path> files(Path home) {
        var files = new ArrayList<Path>();
        try (Stream<Path> d = Files.list(home.resolve(".config/environment.d"))) {
            d.filter(f -> f.getFileName().toString().endsWith(".conf")).sorted().forEach(files::add);
        } catch (IOException e) {
            // no environment.d: nothing from there
        }
        Stream.of(".profile", ".bash_profile", ".bashrc").map(home::resolve).forEach(files::add);
        return files;
    }

    /**
     * The variables among {@code names} the login files of {@code home} set, with {@code $VAR} expanded from
     * earlier assignments, else from {@code outside} (the rest of the environment, {@code HOME} above all).
     */
    static Map<String, Assignment> read(Path home, List<String> names, Map<String, String> outside) {
        var found = new LinkedHashMap<String, Assignment>();
        var known = new LinkedHashMap<String, String>();
        for (Path file : files(home)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String value = unquote(m.group(2).strip());
                if (value == null) {
                    continue;
                }
                value = expand(value, known, outside, home);
                known.put(m.group(1), value);
                if (names.contains(m.group(1))) {
                    found.put(m.group(1), new Assignment(value, file));
                }
            }
        }
        return found;
    }

    /** The value without its quotes and trailing comment; null when a command computes it. */
    static String unquote(String raw) {
        if (raw.contains("$(") || raw.contains("`")) {
            return null;
        }
        if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
            int end = raw.indexOf(raw.charAt(0), 1);
            return end < 0 ? null : raw.substring(1, end);
        }
        int comment = raw.indexOf(" #");
        String v = comment < 0 ? raw : raw.substring(0, comment);
        return v.contains(" ") || v.contains(";") ? null : v;
    }

    private static String expand(String value, Map<String, String> known, Map<String, String> outside, Path home) {
        String v = value.equals("~") || value.startsWith("~/") ? home + value.substring(1) : value;
        Matcher m = VAR.matcher(v);
        var sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).replace("{", "").replace("}", "");
            String sub = known.containsKey(name) ? known.get(name)
                    : name.equals("HOME") ? home.toString() : outside.getOrDefault(name, m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(sub));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
