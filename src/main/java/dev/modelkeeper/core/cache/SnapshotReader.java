package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.cache.CachedFile.Storage;
import dev.modelkeeper.core.cache.HubRepoScanner.PhysicalBlob;
import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/** Reads {@code snapshots/<commit>/**} of one repo: which entries exist and which blob each stands for. */
final class SnapshotReader {

    private final Path repoDir;
    private final Path snapshotsDir;
    private final Path blobsDir;
    private final Path sharedStore;
    private final ScanFs fs;
    private final RepoStamps stamps;

    SnapshotReader(Path repoDir, Path cacheDir, ScanFs fs, RepoStamps stamps) {
        this.repoDir = repoDir;
        this.fs = fs;
        this.stamps = stamps;
        this.snapshotsDir = repoDir.resolve("snapshots");
        this.blobsDir = repoDir.resolve("blobs");
        this.sharedStore = cacheDir.resolve("blobs");
    }

    /**
     * Snapshot folders, sorted. Files directly in {@code snapshots/} are reported, not listed. When
     * {@code snapshots/} cannot be listed, that is reported and there are none.
     */
    List<Path> commits(List<Finding> findings) {
        var own = fs.stat(snapshotsDir).filter(FileStats.Stat::directory);
        if (own.isEmpty()) {
            findings.add(Finding.of(FindingKind.MISSING_SNAPSHOTS_DIR, snapshotsDir));
            return List.of();
        }
        stamps.folder(snapshotsDir, own.get());
        var commits = new ArrayList<Path>();
        for (Path p : list(snapshotsDir, findings)) {
            if (Files.isDirectory(p)) {
                commits.add(p);
            } else {
                findings.add(Finding.of(FindingKind.FILE_IN_SNAPSHOTS_DIR, p));
            }
        }
        return commits;
    }

    /** Whether some folder or entry could not be read, so that some blobs may be used without being seen. */
    boolean partial() {
        return partial;
    }

    /** What one distinct blob is: its storage and its stat (null when the link dangles). */
    private record Blob(Storage storage, FileStats.Stat stat, boolean loop) {
        Blob(Storage storage, FileStats.Stat stat) {
            this(storage, stat, false);
        }
    }

    /** Links followed before a chain counts as a loop (the kernel's own limit). */
    private static final int MAX_HOPS = 40;

    /** Blobs seen in this repo, so that each is examined once however many revisions link to it. */
    private final java.util.Map<Path, Blob> blobs = new java.util.HashMap<>();
    private boolean partial;

    Revision revision(Path snap, SortedSet<String> refs, List<Finding> findings, Totals repoTotals,
                      List<PhysicalBlob> physical) {
        var files = new ArrayList<CachedFile>();
        var revisionTotals = new Totals();
        var own = fs.stat(snap);
        own.ifPresentOrElse(st -> stamps.folder(snap, st), stamps::notIndexable);
        var ancestors = new java.util.HashSet<>();
        own.ifPresent(st -> ancestors.add(st.fileKey()));
        walk(snap, snap, ancestors, files, findings);
        for (CachedFile f : files) {
            if (f.isMissing()) {
                continue;
            }
            Object inode = blobs.get(f.blobPath()).stat().fileKey();
            revisionTotals.add(f, inode);
            if (repoTotals.add(f, inode)) {
                physical.add(new PhysicalBlob(physicalKey(f), inode, f.size(), f.allocated()));
            }
        }
        return new Revision(snap.getFileName().toString(), snap, refs, files, revisionTotals.size(),
                revisionTotals.allocated(), revisionTotals.lastModifiedOr(own.map(FileStats.Stat::lastModified)
                .orElse(Instant.EPOCH)));
    }

    /**
     * One lstat per entry, one readlink per link, and one look at each distinct blob. Folders are walked
     * once per path: a link back to a folder being walked is a loop. What cannot be read is reported and
     * the walk goes on with the next entry.
     */
    private void walk(Path snap, Path dir, Set<Object> ancestors, List<CachedFile> files, List<Finding> findings) {
        for (Path p : list(dir, findings)) {
            var self = fs.lstat(p).orElse(null);
            if (self == null) {
                unreadableEntry(p, findings);
            } else if (self.directory()) {
                stamps.folder(p, self); // its own mtime: a change two levels down leaves the snapshot folder's alone
                descend(snap, p, self.fileKey(), ancestors, files, findings);
            } else if (self.symbolicLink()) {
                link(snap, p, ancestors, files, findings);
            } else if (self.regularFile()) {
                stamps.notIndexable(); // copy mode: a file in place may be rewritten without its folder changing
                blobs.put(p, new Blob(Storage.COPY, self));
                files.add(file(snap, p, p, Storage.COPY, self));
            }
        }
    }

    private void descend(Path snap, Path dir, Object key, Set<Object> ancestors, List<CachedFile> files,
                         List<Finding> findings) {
        if (!ancestors.add(key)) {
            findings.add(Finding.of(FindingKind.LINK_LOOP, dir));
            return;
        }
        walk(snap, dir, ancestors, files, findings);
        ancestors.remove(key);
    }

    private void link(Path snap, Path link, Set<Object> ancestors, List<CachedFile> files, List<Finding> findings) {
        Path firstHop;
        try {
            firstHop = link.getParent().resolve(fs.readLink(link)).normalize();
        } catch (IOException e) {
            unreadable(link, e, findings);
            return;
        }
        Blob blob = blobs.computeIfAbsent(firstHop, this::examine);
        if (!firstHop.startsWith(blobsDir) || blob.loop() || blob.stat() != null && blob.stat().directory()) {
            stamps.notIndexable(); // depends on what the repo's own blobs/ folder does not stamp
        }
        if (blob.loop()) {
            findings.add(Finding.of(FindingKind.LINK_LOOP, link));
        } else if (blob.stat() != null && blob.stat().directory()) {
            descend(snap, link, blob.stat().fileKey(), ancestors, files, findings);
        } else {
            files.add(linked(snap, link, firstHop, blob, findings));
        }
    }

    /** The entries of a folder, sorted; none, and a finding, when it cannot be listed. */
    private List<Path> list(Path dir, List<Finding> findings) {
        try {
            return fs.list(dir);
        } catch (IOException | java.io.UncheckedIOException e) {
            unreadable(dir, e, findings);
            return List.of();
        }
    }

    /** An entry listed a moment ago that cannot be stat-ed: gone since (not a problem), or unreadable. */
    private void unreadableEntry(Path p, List<Finding> findings) {
        try {
            Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            unreadable(p, e, findings);
        }
    }

    private void unreadable(Path p, Exception e, List<Finding> findings) {
        partial = true;
        stamps.notIndexable();
        findings.add(Finding.of(FindingKind.UNREADABLE, p, reason(e)));
    }

    /** Why a file operation failed, in a few words ("Permission denied", "File name too long"). */
    static String reason(Exception e) {
        Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Looks at a link target once: missing, a repo blob, or a repo blob linking into the shared store. */
    private Blob examine(Path firstHop) {
        var own = fs.lstat(firstHop).orElse(null);
        if (own == null) {
            return new Blob(Storage.DANGLING, null);
        }
        if (!own.symbolicLink()) {
            return new Blob(Storage.LINK, own);
        }
        stamps.notIndexable(); // a blob that links on (shared store): its target may change elsewhere
        var target = fs.stat(firstHop).orElse(null);
        if (target == null && loops(firstHop)) {
            return new Blob(Storage.DANGLING, null, true);
        }
        Storage storage = target == null ? Storage.DANGLING
                : sharedPayload(firstHop) != null ? Storage.SHARED : Storage.LINK;
        return new Blob(storage, target);
    }

    /** Whether a link that cannot be followed leads back to itself ({@code a -> b -> a}), hop by hop. */
    private static boolean loops(Path link) {
        var seen = new java.util.HashSet<Path>();
        Path p = link;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (!seen.add(p)) {
                return true;
            }
            try {
                p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
            } catch (IOException | UnsupportedOperationException e) {
                return false; // not a link (any more), or gone: it dangles
            }
        }
        return true;
    }

    private CachedFile linked(Path snap, Path link, Path firstHop, Blob blob, List<Finding> findings) {
        if (blob.stat() == null) {
            findings.add(Finding.of(FindingKind.DANGLING_LINK, link, firstHop.toString()));
            return new CachedFile(link.getFileName().toString(), relative(snap, link), link, firstHop,
                    Storage.DANGLING, 0, 0, Instant.EPOCH, Instant.EPOCH);
        }
        if (!firstHop.startsWith(blobsDir) && !firstHop.startsWith(sharedStore)) {
            findings.add(Finding.of(FindingKind.LINK_OUTSIDE_REPO, link, firstHop.toString()));
        }
        return file(snap, link, firstHop, blob.storage(), blob.stat());
    }

    private CachedFile file(Path snap, Path entry, Path blob, Storage storage, FileStats.Stat st) {
        return new CachedFile(entry.getFileName().toString(), relative(snap, entry), entry, blob, storage,
                st.size(), st.allocated(), st.lastAccessed(), st.lastModified());
    }

    /** The shared-store payload a repo blob links to, or null when it is not a link into the store. */
    private Path sharedPayload(Path repoBlob) {
        try {
            Path target = repoBlob.getParent().resolve(fs.readLink(repoBlob)).normalize();
            return target.startsWith(sharedStore) ? target : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Object physicalKey(CachedFile f) {
        if (f.storage() == Storage.SHARED) {
            Path payload = sharedPayload(f.blobPath());
            return payload != null ? payload : f.blobPath();
        }
        return f.blobPath();
    }

    private static String relative(Path snap, Path p) {
        return snap.relativize(p).toString().replace('\\', '/');
    }

    static List<Path> sorted(Path dir) throws IOException {
        var list = new ArrayList<Path>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(list::add);
        }
        list.sort(null);
        return list;
    }

}
