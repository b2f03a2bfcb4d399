package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.cache.CachedFile.Storage;
import dev.modelkeeper.core.cache.HubRepoScanner.PhysicalBlob;
import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** Reads {@code snapshots/<commit>/**} of one repo: which entries exist and which blob each stands for. */
final class SnapshotReader {

    private final Path repoDir;
    private final Path snapshotsDir;
    private final Path blobsDir;
    private final Path sharedStore;

    SnapshotReader(Path repoDir, Path cacheDir) {
        this.repoDir = repoDir;
        this.snapshotsDir = repoDir.resolve("snapshots");
        this.blobsDir = repoDir.resolve("blobs");
        this.sharedStore = cacheDir.resolve("blobs");
    }

    /** Snapshot folder names, sorted. Files directly in {@code snapshots/} are reported, not listed. */
    List<String> commits(List<Finding> findings) throws IOException {
        if (!Files.isDirectory(snapshotsDir)) {
            findings.add(Finding.of(FindingKind.MISSING_SNAPSHOTS_DIR, snapshotsDir));
            return List.of();
        }
        var commits = new ArrayList<String>();
        for (Path p : sorted(snapshotsDir)) {
            if (Files.isDirectory(p)) {
                commits.add(p.getFileName().toString());
            } else {
                findings.add(Finding.of(FindingKind.FILE_IN_SNAPSHOTS_DIR, p));
            }
        }
        return commits;
    }

    /** What one distinct blob is: its storage and its stat (null when the link dangles). */
    private record Blob(Storage storage, FileStats.Stat stat) {
    }

    /** Blobs seen in this repo, so that each is examined once however many revisions link to it. */
    private final java.util.Map<Path, Blob> blobs = new java.util.HashMap<>();

    Revision revision(String commit, SortedSet<String> refs, List<Finding> findings, Totals repoTotals,
                      List<PhysicalBlob> physical) throws IOException {
        Path snap = snapshotsDir.resolve(commit);
        var files = new ArrayList<CachedFile>();
        var revisionTotals = new Totals();
        walk(snap, snap, files, findings);
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
        Instant own = FileStats.stat(snap).map(FileStats.Stat::lastModified).orElse(Instant.EPOCH);
        return new Revision(commit, snap, refs, files, revisionTotals.size(), revisionTotals.allocated(),
                revisionTotals.lastModifiedOr(own));
    }

    /** One lstat per entry, one readlink per link, and one look at each distinct blob. */
    private void walk(Path snap, Path dir, List<CachedFile> files, List<Finding> findings) throws IOException {
        for (Path p : sorted(dir)) {
            var self = FileStats.lstat(p).orElse(null);
            if (self == null) {
                continue;
            }
            if (self.directory()) {
                walk(snap, p, files, findings);
            } else if (self.symbolicLink()) {
                Path firstHop = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                Blob blob = blobs.computeIfAbsent(firstHop, this::examine);
                if (blob.stat() != null && blob.stat().directory()) {
                    walk(snap, p, files, findings);
                } else {
                    files.add(linked(snap, p, firstHop, blob, findings));
                }
            } else if (self.regularFile()) {
                blobs.put(p, new Blob(Storage.COPY, self));
                files.add(file(snap, p, p, Storage.COPY, self));
            }
        }
    }

    /** Looks at a link target once: missing, a repo blob, or a repo blob linking into the shared store. */
    private Blob examine(Path firstHop) {
        var own = FileStats.lstat(firstHop).orElse(null);
        if (own == null) {
            return new Blob(Storage.DANGLING, null);
        }
        if (!own.symbolicLink()) {
            return new Blob(Storage.LINK, own);
        }
        var target = FileStats.stat(firstHop).orElse(null);
        Storage storage = target == null ? Storage.DANGLING
                : sharedPayload(firstHop) != null ? Storage.SHARED : Storage.LINK;
        return new Blob(storage, target);
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
            Path target = repoBlob.getParent().resolve(Files.readSymbolicLink(repoBlob)).normalize();
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
