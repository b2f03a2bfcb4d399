package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.LockProbe;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.cleanup.CleanupPlan.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns targets ({@code rm}) or prune rules into a {@link CleanupPlan} over the scans of one or more cache
 * roots. The bytes it counts are what the official {@code delete_revisions(...).expected_freed_size} counts for
 * the same deletion, except that a hard-linked inode counts only when its last link goes.
 */
public final class CleanupPlanner {

    private final List<CacheScan> scans;
    private final List<CacheScan> xetScans;
    private final LockProbe locks;
    private final InUseCheck inUse;

    /**
     * Plans over the hub caches among {@code scans}; the xet caches among them are used by {@code prune} with
     * {@link PruneRules#xet()}, every other kind is ignored.
     */
    public CleanupPlanner(List<CacheScan> scans, LockProbe locks, InUseCheck inUse) {
        this.scans = scans.stream().filter(s -> s.kind() == CacheKind.HF_HUB && s.state() == CacheScan.State.ONLINE)
                .toList();
        this.xetScans = scans.stream().filter(s -> s.kind() == CacheKind.HF_XET && s.state() == CacheScan.State.ONLINE)
                .toList();
        this.locks = locks;
        this.inUse = inUse;
    }

    /** The plan for {@code rm}: what the targets name; a target naming nothing is listed as missing. */
    public CleanupPlan remove(List<CleanupTarget> targets) {
        var picks = new Picks();
        var missing = new ArrayList<String>();
        for (CleanupTarget target : targets) {
            if (!pick(target, picks)) {
                missing.add(describe(target));
            }
        }
        return new PlanBuilder(locks, inUse).build(picks, missing);
    }

    /** The plan for {@code prune}. */
    public CleanupPlan prune(PruneRules rules, Instant now) {
        var picks = new Picks();
        for (CacheScan scan : scans) {
            new PruneFinder(scan, rules, now, locks, inUse).pickInto(picks);
        }
        if (rules.xet()) {
            xetScans.forEach(scan -> XetCaches.find(scan.root().path())
                    .forEach(c -> picks.rootExtra(new Picks.Extra(Kind.XET_CACHE, scan.root().path(), c.path(), c.size()))));
        }
        return new PlanBuilder(locks, inUse).build(picks, List.of());
    }

    private boolean pick(CleanupTarget target, Picks picks) {
        boolean found = false;
        for (CacheScan scan : scans) {
            for (Repo repo : scan.repos()) {
                found |= pick(target, scan, repo, picks);
            }
        }
        return found;
    }

    private static boolean pick(CleanupTarget target, CacheScan scan, Repo repo, Picks picks) {
        switch (target) {
            case CleanupTarget.WholeRepo w -> {
                if (!sameRepo(repo, w.type().id(), w.repoId())) {
                    return false;
                }
                picks.repo(scan, repo).whole = true;
                return true;
            }
            case CleanupTarget.OneRevision r -> {
                Optional<Revision> rev = repo.revisions().stream()
                        .filter(v -> v.commitHash().equalsIgnoreCase(r.commit())).findFirst();
                rev.ifPresent(v -> picks.repo(scan, repo).commits.add(v.commitHash()));
                return rev.isPresent();
            }
            case CleanupTarget.OneFile f -> {
                if (!sameRepo(repo, f.type().id(), f.repoId())) {
                    return false;
                }
                var entries = repo.revisions().stream().filter(v -> f.revision().isEmpty()
                                || v.commitHash().equals(f.revision().get()) || v.refs().contains(f.revision().get()))
                        .flatMap(v -> v.files().stream()).filter(file -> file.filePath().equals(f.path())).toList();
                entries.forEach(file -> picks.repo(scan, repo).entries.add(file.snapshotPath()));
                return !entries.isEmpty();
            }
        }
    }

    private static boolean sameRepo(Repo repo, String type, String id) {
        return repo.cacheId().toLowerCase(Locale.ROOT).equals((type + "/" + id).toLowerCase(Locale.ROOT));
    }

    private static String describe(CleanupTarget target) {
        return switch (target) {
            case CleanupTarget.WholeRepo w -> w.type().id() + "/" + w.repoId();
            case CleanupTarget.OneRevision r -> r.commit();
            case CleanupTarget.OneFile f -> "hf://" + f.type().folderPrefix() + "/" + f.repoId()
                    + f.revision().map(r -> "@" + r).orElse("") + "/" + f.path();
        };
    }
}
