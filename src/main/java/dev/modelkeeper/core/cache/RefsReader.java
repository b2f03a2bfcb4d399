package dev.modelkeeper.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code refs/**}. Names are paths relative to {@code refs} with '/' ({@code refs/pr/1}); values are
 * kept raw, as the official client reads them without stripping. A ref whose file has a trailing newline
 * still points at its commit for us, but is reported, because the official client will not match it.
 */
final class RefsReader {

    private static final java.util.Set<String> IGNORED = java.util.Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

    private final Path repoDir;
    private final Map<String, String> raw = new TreeMap<>();
    private final Map<String, String> stripped = new TreeMap<>();

    RefsReader(Path repoDir) {
        this.repoDir = repoDir;
    }

    RefsReader read(List<Finding> findings) throws IOException {
        Path refsDir = repoDir.resolve("refs");
        if (Files.isRegularFile(refsDir, LinkOption.NOFOLLOW_LINKS)) {
            findings.add(Finding.of(FindingKind.REFS_IS_A_FILE, refsDir));
            return this;
        }
        if (!Files.isDirectory(refsDir)) {
            return this;
        }
        try (var walk = Files.walk(refsDir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (!IGNORED.contains(p.getFileName().toString())) {
                    readOne(refsDir, p, findings);
                }
            }
        }
        return this;
    }

    private void readOne(Path refsDir, Path file, List<Finding> findings) throws IOException {
        String name = refsDir.relativize(file).toString().replace('\\', '/');
        String value = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String clean = value.strip();
        raw.put(name, value);
        stripped.put(name, clean);
        if (!clean.equals(value)) {
            findings.add(Finding.of(FindingKind.REF_TRAILING_NEWLINE, file, name));
        }
        if (!HubRepoScanner.COMMIT.matcher(clean).matches()) {
            findings.add(Finding.of(FindingKind.REF_NOT_A_COMMIT, file, name));
        }
    }

    Map<String, String> raw() {
        return raw;
    }

    SortedSet<String> namesPointingAt(String commit) {
        var names = new TreeSet<String>();
        stripped.forEach((name, value) -> {
            if (value.equals(commit)) {
                names.add(name);
            }
        });
        return names;
    }

    void reportMissingSnapshots(List<String> commits, List<Finding> findings) {
        stripped.forEach((name, value) -> {
            if (HubRepoScanner.COMMIT.matcher(value).matches() && !commits.contains(value)) {
                findings.add(Finding.of(FindingKind.REF_TO_MISSING_SNAPSHOT,
                        repoDir.resolve("refs").resolve(name), name + " -> " + value));
            }
        });
    }
}
