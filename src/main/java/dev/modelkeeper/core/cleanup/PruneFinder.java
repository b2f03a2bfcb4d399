package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.IncompleteFile;
import dev.modelkeeper.core.cache.LockProbe;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.cleanup.CleanupPlan.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What {@code prune} picks in one cache root. */
final class PruneFinder {

    private final CacheScan scan;
    private final Path root;
    private final PruneRules rules;
    private final Instant now;
    private final LockProbe locks;
    private final InUseCheck inUse;

    PruneFinder(CacheScan scan, PruneRules rules, Instant now, LockProbe locks, InUseCheck inUse) {
        this.scan = scan;
        this.root = scan.root().path();
        this.rules = rules;
        this.now = now;
        this.locks = locks;
        this.inUse = inUse;
    }

    void pickInto(Picks picks) {
        for (Repo repo : scan.repos()) {
            pickRevisions(repo, picks);
            pickLeftovers(repo, picks);
        }
        pickStaleLocks(picks);
        new EmptyFolders(root).find().forEach(p -> picks.rootExtra(new Picks.Extra(Kind.EMPTY_FOLDER, root, p, 0)));
    }

    private void pickRevisions(Repo repo, Picks picks) {
        if (rules.unused().filter(d -> repo.lastAccessed().isBefore(now.minus(d))).isPresent()) {
            picks.repo(scan, repo).whole = true;
            return;
        }
        for (Revision r : repo.revisions()) {
            boolean old = rules.olderThan().filter(d -> mtime(r.snapshotPath()).isBefore(now.minus(d))).isPresent();
            if (r.isDetached() || old) {
                picks.repo(scan, repo).commits.add(r.commitHash());
            }
        }
    }

    /** Partial downloads no lock holds and no process has open, and blobs no snapshot links. */
    private void pickLeftovers(Repo repo, Picks picks) {
        Path blobs = repo.repoPath().resolve("blobs");
        for (IncompleteFile partial : scan.incompleteFiles()) {
            if (!partial.lockHeld() && blobs.equals(partial.path().getParent())
                    && inUse.user(partial.path()).isEmpty()) {
                picks.repo(scan, repo).extras.add(new Picks.Extra(Kind.PARTIAL, root, partial.path(), partial.size()));
            }
        }
        Set<Path> linked = new HashSet<>();
        repo.revisions().forEach(r -> r.files().stream().map(CachedFile::blobPath).forEach(linked::add));
        for (Path blob : list(blobs)) {
            String name = blob.getFileName().toString();
            if (!linked.contains(blob) && !HubLayout.isPartial(name) && !name.contains(".repair-")
                    && !Files.isDirectory(blob, LinkOption.NOFOLLOW_LINKS)) {
                picks.repo(scan, repo).extras.add(new Picks.Extra(Kind.ORPHAN_BLOB, root, blob, PlanBuilder.lsize(blob)));
            }
        }
    }

    /** {@code .locks/<folder>} whose repo folder is gone and whose locks nobody holds. */
    private void pickStaleLocks(Picks picks) {
        for (Path dir : list(root.resolve(".locks"))) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(root.resolve(dir.getFileName().toString()), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            boolean held = list(dir).stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .anyMatch(locks::isHeld);
            if (!held) {
                picks.rootExtra(new Picks.Extra(Kind.STALE_LOCKS, root, dir, 0));
            }
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Instant mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.MAX; // unknown age: never old enough
        }
    }
}
