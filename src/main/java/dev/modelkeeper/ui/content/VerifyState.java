package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.verify.Verdict;
import dev.modelkeeper.core.verify.VerifyFinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * What verify found, for the status column and the problems panel: a verdict per snapshot entry and the
 * findings. FX thread only; results arrive in batches, and {@link #changes()} ticks once per batch so the
 * table repaints once rather than per file.
 */
public final class VerifyState {

    private final Map<Path, Verdict> verdicts = new HashMap<>();
    private final ProblemsModel problems = new ProblemsModel();
    private final Map<Path, Runnable> afterScan = new HashMap<>();
    private final IntegerProperty changes = new SimpleIntegerProperty();

    /** Forgets what an earlier run said about the files and findings a new run covers. */
    public void startRun(Predicate<Path> covers, Predicate<VerifyFinding> coversFinding) {
        verdicts.keySet().removeIf(covers);
        problems.verifyStarted(coversFinding);
        changes.set(changes.get() + 1);
    }

    public void add(Map<Path, Verdict> newVerdicts, List<VerifyFinding> newFindings) {
        newVerdicts.forEach((p, v) -> verdicts.put(p.toAbsolutePath().normalize(), v));
        if (!newFindings.isEmpty()) {
            problems.verified(newFindings);
        }
        changes.set(changes.get() + 1);
    }

    /** Forgets the verdicts on files below these folders (repos that changed since they were verified). */
    public void forget(List<Path> folders) {
        if (!folders.isEmpty() && verdicts.keySet().removeIf(p -> folders.stream().anyMatch(p::startsWith))) {
            changes.set(changes.get() + 1);
        }
    }

    /**
     * Runs {@code then} once the next scan has seen this repo: a verify after a repair must follow the
     * rescan, or the rescan, seeing the repo changed, would forget what that verify said.
     */
    public void afterNextScan(Path repoDir, Runnable then) {
        afterScan.put(repoDir.toAbsolutePath().normalize(), then);
    }

    /** A scan of one cache finished: forget what it made stale, then run what waited for it. */
    public void scanned(dev.modelkeeper.core.cache.CacheScan scan) {
        forget(problems.scanned(scan));
        scan.repos().stream().map(r -> afterScan.remove(r.repoPath().toAbsolutePath().normalize()))
                .filter(java.util.Objects::nonNull).toList().forEach(Runnable::run);
    }

    /** Every problem the window knows: the one source of the badges, the tab title and the list. */
    public ProblemsModel problems() {
        return problems;
    }

    /** Ticks after every batch of results. */
    public IntegerProperty changes() {
        return changes;
    }

    /** The verdict on one snapshot entry, or null before verify has looked at it. */
    public Verdict verdict(Path entry) {
        return verdicts.get(entry.toAbsolutePath().normalize());
    }

    /** The status a row shows: the worst verdict of its files once verified, else what the scan says. */
    public ContentStatus statusOf(ContentRow row) {
        List<CachedFile> files = row.isRepo() ? row.repo().revisions().stream().flatMap(r -> r.files().stream()).toList()
                : row.isRevision() ? row.revision().files() : List.of(row.file());
        var known = new ArrayList<Verdict>();
        for (CachedFile f : files) {
            Verdict v = verdict(f.snapshotPath());
            if (v != null) {
                known.add(v);
            }
        }
        if (known.isEmpty()) {
            return row.status();
        }
        Verdict worst = Verdict.rollUp(known);
        ContentStatus verified = worst == Verdict.VERIFIED && known.size() < files.size()
                ? ContentStatus.UNVERIFIED : ContentStatus.of(worst); // part verified only
        // good file contents do not mend what the scan found wrong around them (a ref, a dangling link)
        ContentStatus scan = row.status();
        return scan.compareTo(ContentStatus.VERIFIED) > 0 && scan.compareTo(verified) > 0 ? scan : verified;
    }

    /** Whether Repair has something to look at in a repo: a problem, or a status other than (un)verified. */
    public boolean mayNeedRepair(dev.modelkeeper.core.cache.Repo repo) {
        var status = statusOf(ContentRow.of(repo));
        return !problems.problemsOf(repo).isEmpty() || status != ContentStatus.VERIFIED && status != ContentStatus.UNVERIFIED;
    }
}
