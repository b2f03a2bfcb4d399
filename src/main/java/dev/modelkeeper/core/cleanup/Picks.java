package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Repo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What was picked for removal before the bytes are counted: repos, revisions, snapshot entries, extra files. */
final class Picks {

    /** A file or folder picked outside the revision model (partial download, orphan blob, stale locks, empty folder). */
    record Extra(CleanupPlan.Kind kind, Path root, Path path, long size) {
    }

    /** Everything picked in one repo. */
    static final class RepoPick {
        final CacheScan scan;
        final Repo repo;
        boolean whole;
        final Set<String> commits = new LinkedHashSet<>();
        final Set<Path> entries = new LinkedHashSet<>();
        final List<Extra> extras = new ArrayList<>();

        RepoPick(CacheScan scan, Repo repo) {
            this.scan = scan;
            this.repo = repo;
        }

        Path root() {
            return scan.root().path();
        }
    }

    private final Map<Path, RepoPick> repos = new LinkedHashMap<>();
    private final List<Extra> rootExtras = new ArrayList<>();

    RepoPick repo(CacheScan scan, Repo repo) {
        return repos.computeIfAbsent(repo.repoPath(), p -> new RepoPick(scan, repo));
    }

    void rootExtra(Extra extra) {
        rootExtras.add(extra);
    }

    List<RepoPick> repos() {
        return List.copyOf(repos.values());
    }

    List<Extra> rootExtras() {
        return List.copyOf(rootExtras);
    }
}
