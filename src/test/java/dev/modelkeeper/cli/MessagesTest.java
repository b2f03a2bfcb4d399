package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every message of the command line renders every argument it is given, in both languages: no value cut
 * short by a missing line continuation, the same placeholders in the translation, none swallowed by
 * MessageFormat's quoting.
 */
class MessagesTest {

    private static final String BASE = "/dev/modelkeeper/cli/messages";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private static String raw(String suffix) throws Exception {
        try (InputStream in = MessagesTest.class.getResourceAsStream(BASE + suffix + ".properties")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Properties load(String suffix) throws Exception {
        var p = new Properties();
        try (var r = new InputStreamReader(MessagesTest.class.getResourceAsStream(BASE + suffix + ".properties"),
                StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Lines that start an entry but are not one: the rest of a value whose previous line lacks its `\`. */
    static List<String> strayLines(String text) {
        var stray = new ArrayList<String>();
        boolean continued = false;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            String t = line.strip();
            if (!continued && !t.isEmpty() && !t.startsWith("#") && !t.startsWith("!") && !line.contains("=")) {
                stray.add(n + ": " + line);
            }
            int slashes = 0;
            for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
                slashes++;
            }
            continued = (continued || !t.startsWith("#")) && slashes % 2 == 1;
        }
        return stray;
    }

    private static TreeSet<Integer> placeholders(String text) {
        var set = new TreeSet<Integer>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            set.add(Integer.parseInt(m.group(1)));
        }
        return set;
    }

    @Test
    void noValueIsCutShortByAMissingContinuation() throws Exception {
        assertEquals(List.of(), strayLines(raw("")), "messages.properties");
        assertEquals(List.of(), strayLines(raw("_zh_CN")), "messages_zh_CN.properties");
        assertEquals(List.of("2:   to {1}"), strayLines("a=Move {0}\n  to {1}\nb=x \\\n  y\n"), "the check itself");
    }

    @Test
    void theTranslationHasEveryKeyWithTheSamePlaceholders() throws Exception {
        Properties en = load("");
        Properties zh = load("_zh_CN");
        var problems = new ArrayList<String>();
        for (String key : new TreeSet<>(en.stringPropertyNames())) {
            String zhText = zh.getProperty(key);
            if (zhText == null) {
                problems.add(key + ": no Chinese text");
                continue;
            }
            var used = placeholders(en.getProperty(key));
            if (!used.equals(placeholders(zhText))) {
                problems.add(key + ": " + used + " in English, " + placeholders(zhText) + " in Chinese");
            }
            if (!used.isEmpty() && used.last() != used.size() - 1) {
                problems.add(key + ": placeholders " + used + " skip a number");
            }
        }
        for (String key : zh.stringPropertyNames()) {
            if (!en.containsKey(key)) {
                problems.add(key + ": only in Chinese");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyArgumentAppearsInTheRenderedText() throws Exception {
        var problems = new ArrayList<String>();
        for (String suffix : List.of("", "_zh_CN")) {
            Properties p = load(suffix);
            Locale locale = suffix.isEmpty() ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                var used = placeholders(p.getProperty(key));
                if (used.isEmpty()) {
                    continue;
                }
                Object[] args = new Object[used.last() + 1];
                var numeric = new java.util.HashSet<Integer>();
                for (int i = 0; i < args.length; i++) {
                    // a count chooses a plural form or is formatted as a number: it is given a number
                    boolean number = p.getProperty(key).matches("(?s).*\\{" + i + ",\\s*(choice|number).*");
                    args[i] = number ? (Object) 2 : "<arg" + i + ">";
                    if (number) {
                        numeric.add(i);
                    }
                }
                String rendered = new MessageFormat(p.getProperty(key), locale).format(args);
                for (int i : used) {
                    if (!numeric.contains(i) && !rendered.contains("<arg" + i + ">")) {
                        problems.add("messages" + suffix + " " + key + " drops {" + i + "}: " + rendered);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(load("").getProperty("migrate.plan").contains("{6}"), "the plan keeps all its lines");
    }
}
