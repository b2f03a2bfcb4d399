package dev.modelkeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message bundle has the same keys in English and Simplified Chinese, with the same placeholders,
 * and every key is used by the code: either named whole in a string literal, or as one of a family whose
 * prefix the code completes (for example {@code "finding." + kind.name()}).
 */
class BundlesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    private static Properties load(Path file) throws IOException {
        var p = new Properties();
        try (var r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Every bundle under the resources, found by its English file: a new feature's bundle is checked too. */
    static List<String> bundles() throws IOException {
        try (var files = Files.walk(RESOURCES)) {
            var all = files.map(f -> RESOURCES.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".properties")).toList();
            var bundles = all.stream().filter(f -> !f.contains("_zh_CN")).map(f -> f.substring(0, f.length() - 11))
                    .sorted().toList();
            assertEquals(List.of(), bundles.stream().filter(b -> !all.contains(b + "_zh_CN.properties")).toList(),
                    "bundles without a Simplified Chinese translation");
            return bundles;
        }
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyKeyIsInBothLanguagesWithTheSamePlaceholders(String bundle) throws IOException {
        var en = load(RESOURCES.resolve(bundle + ".properties"));
        var zh = load(RESOURCES.resolve(bundle + "_zh_CN.properties"));
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()),
                "keys of " + bundle + " in English and Chinese");
        var differing = en.stringPropertyNames().stream()
                .filter(k -> !placeholders(en.getProperty(k)).equals(placeholders(zh.getProperty(k)))).sorted().toList();
        assertEquals(List.of(), differing, "keys whose Chinese text has other placeholders");
    }

    /** A key written twice silently keeps its last text (two merges once left two versions of a sentence). */
    @ParameterizedTest
    @MethodSource("bundles")
    void noKeyIsWrittenTwice(String bundle) throws IOException {
        for (String suffix : List.of(".properties", "_zh_CN.properties")) {
            var keys = Files.readAllLines(RESOURCES.resolve(bundle + suffix), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(" ") && l.contains("="))
                    .map(l -> l.substring(0, l.indexOf('=')).strip()).toList();
            var twice = keys.stream().filter(k -> keys.indexOf(k) != keys.lastIndexOf(k)).distinct().sorted().toList();
            assertEquals(List.of(), twice, "keys written twice in " + bundle + suffix);
        }
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyKeyIsUsed(String bundle) throws IOException {
        Set<String> literals = literals();
        var unused = load(RESOURCES.resolve(bundle + ".properties")).stringPropertyNames().stream()
                .filter(k -> !used(k, literals)).sorted().toList();
        assertEquals(List.of(), unused, "keys of " + bundle + " that no code uses");
    }

    /** Keys picocli reads from the command line's bundle by its own convention (section headings, help). */
    private static final List<String> PICOCLI_KEYS = List.of("usage.", "helpCommand.");

    /** Named whole, or a family: a literal that is a prefix of the key ending in '.' (or '.' + a prefix of it). */
    private static boolean used(String key, Set<String> literals) {
        if (literals.contains(key) || PICOCLI_KEYS.stream().anyMatch(key::startsWith)) {
            return true;
        }
        for (int dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
            if (literals.contains(key.substring(0, dot + 1)) || literals.contains(key.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> literals() throws IOException {
        var found = new TreeSet<String>();
        try (var walk = Files.walk(SOURCES)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                LITERAL.matcher(Files.readString(p)).results().forEach(m -> found.add(m.group(1)));
            }
        }
        return found;
    }
}
