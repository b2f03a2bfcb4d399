package dev.modelkeeper.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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
        for (Path p : refFiles(refsDir, findings)) {
            if (!IGNORED.contains(p.getFileName().toString())) {
                readOne(refsDir, p, findings);
            }
        }
        return this;
    }

    /** Every file under {@code refs/}, sorted; a folder or file that cannot be read is reported and skipped. */
    private static List<Path> refFiles(Path refsDir, List<Finding> findings) throws IOException {
        var files = new java.util.ArrayList<Path>();
        Files.walkFileTree(refsDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                findings.add(Finding.of(FindingKind.UNREADABLE, file, SnapshotReader.reason(e)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                return e == null ? FileVisitResult.CONTINUE : visitFileFailed(dir, e); // listing broke off
            }
        });
        files.sort(null);
        return files;
    }

    private void readOne(Path refsDir, Path file, List<Finding> findings) {
        String name = refsDir.relativize(file).toString().replace('\\', '/');
        String value;
        try {
            value = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            findings.add(Finding.of(FindingKind.UNREADABLE, file, SnapshotReader.reason(e)));
            return;
        }
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
