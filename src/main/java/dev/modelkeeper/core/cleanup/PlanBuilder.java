package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.LockProbe;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.cleanup.CleanupPlan.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Builds the plan from the picks: which blobs go, which stay shared, the bytes, the refusals, the order. */
final class PlanBuilder {

    /** A removal before its bytes are known: the files whose removal may free something. */
    private record Draft(Kind kind, Path root, Path path, String repo, Path repoPath, List<Path> counted) {
    }

    private final LockProbe locks;
    private final InUseCheck inUse;
    private final Accounting accounting = new Accounting();
    private final List<Draft> drafts = new ArrayList<>();
    private final List<CleanupPlan.Kept> kept = new ArrayList<>();
    private final List<CleanupPlan.Refusal> refused = new ArrayList<>();
    private final Map<Path, Set<Path>> sharedBlobsByRoot = new HashMap<>();

    PlanBuilder(LockProbe locks, InUseCheck inUse) {
        this.locks = locks;
        this.inUse = inUse;
    }

    CleanupPlan build(Picks picks, List<String> missing) {
        for (Picks.RepoPick pick : picks.repos()) {
            var held = RepoLocks.held(pick.root(), pick.repo.repoPath(), locks);
            if (held.isPresent()) {
                refuse(pick.repo, CleanupMessages.of("cleanup.refused.locked", pick.repo.cacheId(), held.get()));
                continue;
            }
            int before = drafts.size();
            int keptBefore = kept.size();
            draftRepo(pick);
            var user = drafts.subList(before, drafts.size()).stream().flatMap(PlanBuilder::touched).distinct()
                    .map(p -> inUse.user(p).map(u -> Map.entry(p, u))).flatMap(Optional::stream).findFirst();
            if (user.isPresent()) {
                drafts.subList(before, drafts.size()).clear();
                kept.subList(keptBefore, kept.size()).clear();
                refuse(pick.repo, CleanupMessages.of("cleanup.refused.inUse", pick.repo.cacheId(),
                        user.get().getValue(), user.get().getKey()));
            }
        }
        for (Picks.Extra e : picks.rootExtras()) {
            Optional<String> user = e.kind() == Kind.XET_CACHE ? inUse.user(e.path()) : Optional.empty();
            if (user.isPresent()) {
                refused.add(new CleanupPlan.Refusal(e.path().toString(), e.path(),
                        CleanupMessages.of("cleanup.refused.inUse", e.path(), user.get(), e.path())));
            } else {
                drafts.add(new Draft(e.kind(), e.root(), e.path(), null, null, counted(e.path(), e.size())));
            }
        }
        addSharedPayloads();
        Map<Path, Long> freed = accounting.freed(kept);
        var removals = drafts.stream().map(d -> new CleanupPlan.Removal(d.kind(), d.root(), d.path(),
                        d.counted().stream().mapToLong(p -> freed.getOrDefault(p, 0L)).sum(), d.repo(), d.repoPath()))
                .sorted(Comparator.comparing(CleanupPlan.Removal::kind).thenComparing(CleanupPlan.Removal::path))
                .toList();
        return new CleanupPlan(removals, kept, refused, missing);
    }

    /** The files a removal deletes whose being open matters: the data it frees, and each blob or partial itself. */
    private static Stream<Path> touched(Draft d) {
        boolean data = d.kind() == Kind.BLOB || d.kind() == Kind.ORPHAN_BLOB || d.kind() == Kind.PARTIAL
                || d.kind() == Kind.SHARED_PAYLOAD;
        return data ? Stream.concat(Stream.of(d.path()), d.counted().stream()) : d.counted().stream();
    }

    private void refuse(Repo repo, dev.modelkeeper.core.task.Message reason) {
        refused.add(new CleanupPlan.Refusal(repo.cacheId(), repo.repoPath(), reason));
    }

    private void draftRepo(Picks.RepoPick pick) {
        Repo repo = pick.repo;
        boolean whole = pick.whole || (!repo.revisions().isEmpty() && repo.revisions().stream()
                .allMatch(r -> pick.commits.contains(r.commitHash())));
        var removedEntries = new HashSet<Path>(pick.entries);
        repo.revisions().stream().filter(r -> whole || pick.commits.contains(r.commitHash()))
                .forEach(r -> r.files().forEach(f -> removedEntries.add(f.snapshotPath())));
        var remainingUsers = new HashMap<Path, String>();
        for (Revision r : repo.revisions()) {
            for (CachedFile f : r.files()) {
                if (!removedEntries.contains(f.snapshotPath()) && f.storage() != CachedFile.Storage.COPY) {
                    remainingUsers.putIfAbsent(f.blobPath(), repo.cacheId() + "@" + r.commitHash() + "/" + f.filePath());
                }
            }
        }
        for (Revision r : repo.revisions()) {
            boolean revisionGoes = whole || pick.commits.contains(r.commitHash());
            if (revisionGoes) {
                r.refs().forEach(ref -> add(Kind.REF, pick, repo.repoPath().resolve("refs").resolve(ref), List.of()));
                add(Kind.SNAPSHOT, pick, r.snapshotPath(), copies(r.files(), removedEntries));
            } else {
                for (CachedFile f : r.files()) {
                    if (removedEntries.contains(f.snapshotPath())) {
                        add(Kind.FILE, pick, f.snapshotPath(), copies(List.of(f), removedEntries));
                    }
                }
            }
        }
        draftBlobs(pick, removedEntries, remainingUsers);
        if (whole) {
            draftLeftovers(pick);
            add(Kind.REPO, pick, repo.repoPath(), List.of());
        } else {
            pick.extras.forEach(e -> add(e.kind(), pick, e.path(), counted(e.path(), e.size())));
        }
    }

    private void draftBlobs(Picks.RepoPick pick, Set<Path> removedEntries, Map<Path, String> remainingUsers) {
        var seen = new HashSet<Path>();
        pick.repo.revisions().stream().flatMap(r -> r.files().stream())
                .filter(f -> removedEntries.contains(f.snapshotPath()))
                .filter(f -> f.storage() != CachedFile.Storage.COPY && f.storage() != CachedFile.Storage.DANGLING)
                .filter(f -> seen.add(f.blobPath()))
                .forEach(f -> {
                    String user = remainingUsers.get(f.blobPath());
                    if (user != null) {
                        kept.add(new CleanupPlan.Kept(f.blobPath(), f.size(), Accounting.keptBy(user)));
                    } else if (SharedStore.payload(pick.root(), f.blobPath()).isPresent()) {
                        sharedBlobsByRoot.computeIfAbsent(pick.root(), r -> new HashSet<>()).add(f.blobPath());
                        add(Kind.BLOB, pick, f.blobPath(), List.of());
                    } else {
                        add(Kind.BLOB, pick, f.blobPath(), counted(f.blobPath(), f.size()));
                    }
                });
    }

    /** Files in {@code blobs/} of a removed repo that no revision lists: partial downloads and orphans. */
    private void draftLeftovers(Picks.RepoPick pick) {
        var listed = new HashSet<Path>();
        drafts.forEach(d -> listed.add(d.path()));
        Path blobs = pick.repo.repoPath().resolve("blobs");
        if (!Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.list(blobs)) {
            for (Path p : s.sorted().toList()) {
                if (!listed.contains(p) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    boolean partial = dev.modelkeeper.core.cache.HubLayout.isPartial(p.getFileName().toString());
                    add(partial ? Kind.PARTIAL : Kind.ORPHAN_BLOB, pick, p, counted(p, lsize(p)));
                }
            }
        } catch (IOException e) {
            // what cannot be listed is still removed with the folder, only not counted
        }
    }

    private void addSharedPayloads() {
        sharedBlobsByRoot.forEach((root, blobs) -> {
            var payloads = new LinkedHashMap<Path, Long>();
            blobs.forEach(b -> SharedStore.payload(root, b).ifPresent(p ->
                    payloads.computeIfAbsent(p, q -> SharedStore.freedWith(root, q, blobs))));
            payloads.forEach((payload, size) -> {
                if (size > 0) {
                    drafts.add(new Draft(Kind.SHARED_PAYLOAD, root, payload, null, null, counted(payload, size)));
                }
            });
        });
    }

    private List<Path> copies(List<CachedFile> files, Set<Path> removedEntries) {
        var counted = new ArrayList<Path>();
        for (CachedFile f : files) {
            if (f.storage() == CachedFile.Storage.COPY && removedEntries.contains(f.snapshotPath())) {
                accounting.add(f.snapshotPath(), f.size());
                counted.add(f.snapshotPath());
            }
        }
        return counted;
    }

    private List<Path> counted(Path path, long size) {
        accounting.add(path, size);
        return List.of(path);
    }

    private void add(Kind kind, Picks.RepoPick pick, Path path, List<Path> counted) {
        drafts.add(new Draft(kind, pick.root(), path, pick.repo.cacheId(), pick.repo.repoPath(), counted));
    }

    static long lsize(Path p) {
        try {
            return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
