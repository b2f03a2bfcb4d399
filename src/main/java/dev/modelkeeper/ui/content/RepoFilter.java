package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.Repo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filter field's language: free words match repo ids and file paths (case-insensitive); tokens
 * follow {@code hf cache ls --filter}: {@code type:dataset}, {@code refs:main}, {@code size>1G},
 * {@code size<=500M} (decimal units k/m/g/t), {@code age>30d}, {@code age<2w} (s/m/h/d/w/mo/y, age of the
 * last modification). Every term must match. A malformed token is treated as a word.
 */
public final class RepoFilter {

    private static final Pattern COMPARISON = Pattern.compile("(size|age)(>=|<=|>|<|=)(\\d+(?:\\.\\d+)?)([a-z]*)");
    private static final Pattern FIELD = Pattern.compile("(type|refs):(\\S+)");

    private final List<Predicate<Repo>> terms;

    private RepoFilter(List<Predicate<Repo>> terms) {
        this.terms = terms;
    }

    public static RepoFilter parse(String text, Instant now) {
        return parse(text, now, Map.of());
    }

    /**
     * With the tokens features add ({@code outdated:yes}): {@code name:value} is asked of {@code fields.get(name)}
     * with the value in lower case.
     */
    public static RepoFilter parse(String text, Instant now, Map<String, BiPredicate<Repo, String>> fields) {
        var terms = new ArrayList<Predicate<Repo>>();
        for (String raw : text.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!raw.isEmpty()) {
                terms.add(featureTerm(raw, fields).orElseGet(() -> term(raw, now)));
            }
        }
        return new RepoFilter(terms);
    }

    private static java.util.Optional<Predicate<Repo>> featureTerm(String raw,
                                                                   Map<String, BiPredicate<Repo, String>> fields) {
        int colon = raw.indexOf(':');
        var test = colon > 0 ? fields.get(raw.substring(0, colon)) : null;
        if (test == null || colon == raw.length() - 1) {
            return java.util.Optional.empty();
        }
        String value = raw.substring(colon + 1);
        return java.util.Optional.of(r -> test.test(r, value));
    }

    public boolean test(Repo repo) {
        return terms.stream().allMatch(t -> t.test(repo));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    private static Predicate<Repo> term(String raw, Instant now) {
        Matcher cmp = COMPARISON.matcher(raw);
        if (cmp.matches()) {
            Long value = cmp.group(1).equals("size") ? bytes(cmp.group(3), cmp.group(4))
                    : seconds(cmp.group(3), cmp.group(4));
            if (value != null) {
                String op = cmp.group(2);
                return cmp.group(1).equals("size") ? r -> compare(r.sizeOnDisk(), op, value)
                        : r -> compare(Duration.between(r.lastModified(), now).toSeconds(), op, value);
            }
        }
        Matcher field = FIELD.matcher(raw);
        if (field.matches()) {
            String v = field.group(2);
            return field.group(1).equals("type") ? r -> r.type().id().equals(v)
                    : r -> r.refNames().stream().anyMatch(ref -> ref.toLowerCase(Locale.ROOT).equals(v));
        }
        return r -> matchesText(r, raw);
    }

    private static boolean matchesText(Repo r, String word) {
        if (r.repoId().toLowerCase(Locale.ROOT).contains(word)) {
            return true;
        }
        return r.revisions().stream().flatMap(rev -> rev.files().stream())
                .anyMatch(f -> f.filePath().toLowerCase(Locale.ROOT).contains(word));
    }

    private static boolean compare(long actual, String op, long value) {
        return switch (op) {
            case ">" -> actual > value;
            case ">=" -> actual >= value;
            case "<" -> actual < value;
            case "<=" -> actual <= value;
            default -> actual == value;
        };
    }

    static Long bytes(String number, String unit) {
        double n = Double.parseDouble(number);
        double factor = switch (unit) {
            case "", "b" -> 1;
            case "k", "kb" -> 1e3;
            case "m", "mb" -> 1e6;
            case "g", "gb" -> 1e9;
            case "t", "tb" -> 1e12;
            case "p", "pb" -> 1e15;
            default -> -1;
        };
        return factor < 0 ? null : Math.round(n * factor);
    }

    static Long seconds(String number, String unit) {
        double n = Double.parseDouble(number);
        double factor = switch (unit) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            case "w" -> 604800;
            case "mo" -> 2629800;
            case "y" -> 31557600;
            default -> -1;
        };
        return factor < 0 ? null : Math.round(n * factor);
    }
}
