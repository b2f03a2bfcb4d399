package dev.modelkeeper.core.manifest;

import dev.modelkeeper.core.hub.PathPatterns;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/** Which include/exclude patterns a manifest may hold: the official fnmatch patterns, relative to the repo. */
final class Patterns {

    private Patterns() {
    }

    /** The key of the reason {@code pattern} is refused, or empty when it is usable. */
    static Optional<String> problem(String pattern) {
        if (pattern.isBlank()) {
            return Optional.of("manifest.pattern.empty");
        }
        if (pattern.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("manifest.pattern.control");
        }
        String p = pattern.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            return Optional.of("manifest.pattern.absolute");
        }
        if (List.of(p.split("/")).contains("..")) {
            return Optional.of("manifest.pattern.parent");
        }
        try {
            new PathPatterns(List.of(pattern), List.of()).accepts("");
        } catch (PatternSyntaxException e) {
            return Optional.of("manifest.pattern.syntax");
        }
        return Optional.empty();
    }
}
