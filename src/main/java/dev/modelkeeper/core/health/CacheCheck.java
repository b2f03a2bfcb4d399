package dev.modelkeeper.core.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The hub caches themselves: lock files no program holds that are older than an hour, snapshots missing files
 * (against {@code trees/<commit>.json} when the official client left one, else links to missing blobs), refs
 * that point at a missing or incomplete snapshot, and offline mode over an incomplete model.
 */
final class CacheCheck {

    static final Duration STALE = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Machine machine;
    private final boolean offline;

    CacheCheck(Machine machine, boolean offline) {
        this.machine = machine;
        this.offline = offline;
    }

    /** How many files of a snapshot are there, how many are missing, and the first missing one. */
    record Gap(int expected, List<String> missing) {
    }

    List<Finding> run(List<Path> hubCaches) {
        var out = new ArrayList<Finding>();
        var incomplete = new LinkedHashSet<String>();
        for (Path cache : hubCaches) {
            if (!Files.isDirectory(cache)) {
                continue;
            }
            staleLocks(cache, out);
            for (Path repo : list(cache)) {
                var parsed = HubLayout.parseFolderName(repo.getFileName().toString());
                if (parsed.isPresent() && Files.isDirectory(repo)) {
                    repo(repo, name(parsed.get()), out, incomplete);
                }
            }
        }
        if (offline && !incomplete.isEmpty()) {
            String names = String.join(", ", incomplete.stream().limit(3).toList()) + (incomplete.size() > 3 ? ", …" : "");
            out.add(Finding.of(Check.CACHE, Severity.ERROR, "cache.offlineIncomplete", null,
                    new Object[] {incomplete.size(), names}, new Object[] {incomplete.iterator().next()}, true));
        }
        return out;
    }

    private static String name(Map.Entry<RepoType, String> parsed) {
        return parsed.getKey() == RepoType.MODEL ? parsed.getValue() : parsed.getKey().id() + "/" + parsed.getValue();
    }

    private void staleLocks(Path cache, List<Finding> out) {
        Path locks = cache.resolve(".locks");
        if (!Files.isDirectory(locks)) {
            return;
        }
        FileTime before = FileTime.from(machine.clock().instant().minus(STALE));
        var stale = new ArrayList<Path>();
        try (Stream<Path> walk = Files.walk(locks, 3)) {
            walk.filter(p -> isLock(p.getFileName().toString()) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted().forEach(p -> {
                        if (olderThan(p, before) && !machine.lockHeld().test(p)) {
                            stale.add(p);
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            // judge what was seen
        }
        if (stale.isEmpty()) {
            return;
        }
        // A flock lock file is only a name: filelock keeps it after release (spec §2.5) and deleting it breaks the
        // exclusion. The file itself is the lock only for SoftFileLock (.lock.soft, or network filesystems where
        // flock is missing), and there an abandoned one makes every later download wait for ever.
        boolean network = machine.mounts().find(StorageCheck.existingAncestor(cache))
                .filter(m -> StorageCheck.NETWORK.contains(m.type())).isPresent();
        var blocking = stale.stream().filter(p -> network || p.getFileName().toString().endsWith(".soft")).toList();
        if (!blocking.isEmpty()) {
            out.add(Finding.of(Check.CACHE, Severity.WARNING, "cache.staleLocks", blocking.getFirst(),
                    new Object[] {blocking.size(), cache.toString(), blocking.getFirst().toString()},
                    new Object[] {locks.toString()}, true));
        } else {
            out.add(Finding.info(Check.CACHE, "cache.leftoverLocks", locks, stale.size(), cache.toString()));
        }
    }

    private static boolean isLock(String name) {
        return name.endsWith(".lock") || name.endsWith(".lock.soft");
    }

    private static boolean olderThan(Path p, FileTime before) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).compareTo(before) < 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void repo(Path repo, String name, List<Finding> out, Set<String> incomplete) {
        var gaps = new TreeMap<String, Gap>();
        for (Path snapshot : list(repo.resolve("snapshots"))) {
            if (Files.isDirectory(snapshot)) {
                String commit = snapshot.getFileName().toString();
                Gap gap = gap(repo, commit, snapshot);
                if (!gap.missing().isEmpty()) {
                    gaps.put(commit, gap);
                }
            }
        }
        var reported = new LinkedHashSet<String>();
        for (var ref : refs(repo.resolve("refs")).entrySet()) {
            String commit = ref.getValue();
            Path snapshot = repo.resolve("snapshots").resolve(commit);
            if (!Files.isDirectory(snapshot)) {
                incomplete.add(name);
                out.add(Finding.of(Check.CACHE, Severity.ERROR, "cache.refMissing", repo.resolve("refs").resolve(ref.getKey()),
                        new Object[] {name, ref.getKey(), commit}, new Object[] {name, ref.getKey()}, true));
            } else if (gaps.containsKey(commit)) {
                Gap gap = gaps.get(commit);
                reported.add(commit);
                incomplete.add(name);
                out.add(Finding.of(Check.CACHE, Severity.ERROR, "cache.refIncomplete", snapshot,
                        new Object[] {name, ref.getKey(), commit, gap.missing().size(), gap.expected(), gap.missing().getFirst()},
                        new Object[] {name}, true));
            }
        }
        gaps.forEach((commit, gap) -> {
            if (!reported.contains(commit)) {
                incomplete.add(name);
                out.add(Finding.of(Check.CACHE, Severity.WARNING, "cache.incompleteSnapshot",
                        repo.resolve("snapshots").resolve(commit),
                        new Object[] {name, commit, gap.missing().size(), gap.expected(), gap.missing().getFirst()},
                        new Object[] {name}, true));
            }
        });
    }

    /** Missing files of one snapshot: against its tree listing when there is one, else its links to nothing. */
    static Gap gap(Path repo, String commit, Path snapshot) {
        Optional<List<String>> listed = listing(repo.resolve("trees").resolve(commit + ".json"));
        var missing = new ArrayList<String>();
        if (listed.isPresent()) {
            for (String file : listed.get()) {
                if (!Files.exists(snapshot.resolve(file))) {
                    missing.add(file);
                }
            }
            return new Gap(listed.get().size(), missing);
        }
        int[] count = {0};
        try (Stream<Path> walk = Files.walk(snapshot)) {
            walk.filter(p -> !Files.isDirectory(p)).sorted().forEach(p -> {
                count[0]++;
                if (!Files.exists(p)) {
                    missing.add(snapshot.relativize(p).toString().replace('\\', '/'));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // judge what was seen
        }
        return new Gap(count[0], missing);
    }

    /** The file paths {@code trees/<commit>.json} lists (format 1, spec §2.8), or empty when there is no usable one. */
    static Optional<List<String>> listing(Path tree) {
        if (!Files.isRegularFile(tree)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(tree.toFile());
            if (doc.path("format_version").asInt() != 1 || !doc.path("files").isObject()) {
                return Optional.empty();
            }
            var files = new ArrayList<String>();
            doc.get("files").properties().forEach(e -> files.add(e.getKey()));
            return Optional.of(files.stream().filter(CacheCheck::safe).sorted().toList());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A listed path that stays inside the snapshot (a hostile listing must not make us probe elsewhere). */
    private static boolean safe(String path) {
        return !path.isEmpty() && !path.startsWith("/") && !path.contains("\\")
                && Stream.of(path.split("/")).noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
    }

    /** Every ref under {@code refs/} ({@code main}, {@code refs/pr/5}) and the commit it names. */
    private static Map<String, String> refs(Path refs) {
        var found = new TreeMap<String, String>();
        if (!Files.isDirectory(refs)) {
            return found;
        }
        try (Stream<Path> walk = Files.walk(refs)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String commit = Files.readString(p).strip();
                if (commit.matches("[0-9a-f]{40}")) {
                    found.put(refs.relativize(p).toString().replace('\\', '/'), commit);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // judge what was read
        }
        return found;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
