package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.verify.VerifyFinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The one list of problems the window shows: the sidebar badges, the Problems tab's title and its list
 * are all read from here, so they cannot disagree. It holds, per cache root and repo, what the latest
 * scan found and what verify found. A rescan replaces the scan's findings of its root and forgets what
 * verify said about a repo that changed since (a download, a repair, a deletion) or is gone; a verify
 * replaces what an earlier verify said about the scope it covers. Problems are errors and warnings inside
 * a cache; the state of the cache itself (offline, not created, on storage that is emptied) is a badge. FX thread only.
 */
public final class ProblemsModel {

    /** Kinds only verify can tell (file contents, the Hub); the scanner is the word on everything else. */
    private static final Set<FindingKind> CONTENT = EnumSet.of(FindingKind.CHECKSUM_MISMATCH,
            FindingKind.SIZE_MISMATCH, FindingKind.EMPTY_BLOB, FindingKind.WRONG_BLOB, FindingKind.MISSING_FILE,
            FindingKind.EXTRA_FILE, FindingKind.TORCH_HASH_MISMATCH, FindingKind.HUB_CHECK_FAILED,
            FindingKind.UNREADABLE);

    /** What the sidebar says with a badge of its own (Offline, Not created yet, Will vanish). */
    private static final Set<FindingKind> BADGED = EnumSet.of(FindingKind.EPHEMERAL_LOCATION,
            FindingKind.ROOT_OFFLINE, FindingKind.ROOT_NOT_CREATED, FindingKind.ROOT_NOT_A_DIRECTORY,
            FindingKind.ROOT_UNREADABLE);

    /** One finding and where it belongs; {@code repoDir} is null for a root-level finding. */
    private record Entry(Path root, Path repoDir, boolean fromVerify, VerifyFinding finding) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<Path, Map<Path, String>> repos = new HashMap<>(); // root -> repo dir -> fingerprint
    private final ObservableList<VerifyFinding> problems = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final Map<Path, ReadOnlyIntegerWrapper> counts = new HashMap<>();

    /**
     * A finished scan of one root: its findings replace the earlier scan's, and what verify said about
     * repos that changed or vanished is forgotten. Returns the folders of those repos.
     */
    public List<Path> scanned(CacheScan scan) {
        Path root = norm(scan.root().path());
        var before = repos.getOrDefault(root, Map.of());
        var now = new LinkedHashMap<Path, String>();
        scan.repos().forEach(r -> now.put(norm(r.repoPath()), RepoFingerprint.of(r)));
        var changed = before.entrySet().stream().filter(e -> !e.getValue().equals(now.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
        repos.put(root, now);
        entries.removeIf(e -> e.root().equals(root) && (!e.fromVerify() || !CONTENT.contains(e.finding().kind())
                || e.repoDir() == null || changed.contains(e.repoDir())));
        scan.findings().forEach(f -> entries.add(new Entry(root, null, false, VerifyFinding.of(f))));
        for (Repo r : scan.repos()) {
            r.findings().forEach(f -> entries.add(new Entry(root, norm(r.repoPath()), false, ofScan(scan, r, f))));
        }
        publish();
        return changed;
    }

    /** A verify is starting: what an earlier verify said about what it covers no longer holds. */
    public void verifyStarted(Predicate<VerifyFinding> covers) {
        if (entries.removeIf(e -> e.fromVerify() && covers.test(e.finding()))) {
            publish();
        }
    }

    /** Findings verify reported (or that the verify memo recalled). */
    public void verified(List<VerifyFinding> findings) {
        findings.forEach(f -> {
            Path repoDir = repoDirOf(f);
            Path root = f.repo().map(r -> norm(r.cacheDir())).orElseGet(() -> rootOf(f.path()));
            entries.add(new Entry(root, repoDir, true, f));
        });
        publish();
    }

    /** Every problem, errors first, each once. */
    public ObservableList<VerifyFinding> problems() {
        return problems;
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** How many of the problems are in the cache at {@code root}. */
    public ReadOnlyIntegerProperty countProperty(Path root) {
        return counts.computeIfAbsent(norm(root), r -> new ReadOnlyIntegerWrapper(countIn(r))).getReadOnlyProperty();
    }

    /** The problems of one repo, from the scan and from verify. */
    public List<VerifyFinding> problemsOf(Repo repo) {
        return visible(e -> norm(repo.repoPath()).equals(e.repoDir()));
    }

    /** What verify found in one repo: enough for Repair to plan from (a scan does not know blob names). */
    public List<VerifyFinding> verifiedProblemsOf(Repo repo) {
        return visible(e -> e.fromVerify() && norm(repo.repoPath()).equals(e.repoDir()));
    }

    /** The repo a problem belongs to, when the latest scans know it. */
    public Optional<Path> repoOf(VerifyFinding f) {
        return Optional.ofNullable(repoDirOf(f));
    }

    /**
     * The problems, grouped by repo: the repo with the most severe problem first, and within a repo the most
     * severe first. The same problem found by a scan and by verify is listed once.
     */
    private List<VerifyFinding> visible(Predicate<Entry> which) {
        var seen = new LinkedHashMap<String, Entry>();
        entries.stream().filter(e -> isProblem(e.finding())).filter(which)
                .sorted(Comparator.comparing((Entry e) -> e.finding().severity()).reversed())
                .forEach(e -> seen.putIfAbsent(e.finding().kind() + "|" + norm(e.finding().path()), e));
        var byRepo = new LinkedHashMap<Object, List<VerifyFinding>>();
        seen.values().forEach(e -> byRepo.computeIfAbsent(e.repoDir() != null ? e.repoDir() : e.finding().path(),
                k -> new ArrayList<>()).add(e.finding()));
        return byRepo.values().stream().flatMap(List::stream).toList();
    }

    private void publish() {
        var all = visible(e -> true);
        if (!all.equals(problems)) {
            problems.setAll(all);
        }
        count.set(all.size());
        counts.forEach((root, c) -> c.set(countIn(root)));
    }

    private int countIn(Path root) {
        return visible(e -> root.equals(e.root())).size();
    }

    private static boolean isProblem(VerifyFinding f) {
        return f.severity() != Severity.INFO && !BADGED.contains(f.kind());
    }

    private Path repoDirOf(VerifyFinding f) {
        if (f.repo().isPresent()) {
            return norm(f.repo().get().repoDir());
        }
        Path p = norm(f.path());
        return repos.values().stream().flatMap(m -> m.keySet().stream()).filter(p::startsWith).findFirst()
                .orElse(null);
    }

    private Path rootOf(Path path) {
        Path p = norm(path);
        return repos.keySet().stream().filter(p::startsWith).max(Comparator.comparingInt(Path::getNameCount))
                .orElse(p);
    }

    /** A scan finding with the repo and, for a snapshot entry, the file it is about. */
    private static VerifyFinding ofScan(CacheScan scan, Repo repo, Finding f) {
        if (scan.kind() != dev.modelkeeper.core.cache.CacheKind.HF_HUB) {
            return VerifyFinding.of(f);
        }
        var ref = new VerifyFinding.RepoRef(scan.root().path(), repo.type(), repo.repoId());
        var files = new ArrayList<VerifyFinding.FileRef>();
        Path snapshots = repo.repoPath().resolve("snapshots");
        if (f.path().startsWith(snapshots) && f.path().getNameCount() > snapshots.getNameCount() + 1) {
            Path rel = snapshots.relativize(f.path());
            files.add(new VerifyFinding.FileRef(rel.getName(0).toString(),
                    rel.subpath(1, rel.getNameCount()).toString().replace('\\', '/')));
        }
        return new VerifyFinding(f, Optional.of(ref), files, null, -1);
    }

    static Path norm(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
