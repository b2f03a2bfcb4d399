package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.cache.CachedFile.Storage;
import dev.modelkeeper.core.cache.HubRepoScanner.PhysicalBlob;
import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
            Object inode = FileStats.stat(f.blobPath()).map(FileStats.Stat::fileKey).orElse(null);
            revisionTotals.add(f, inode);
            if (repoTotals.add(f, inode)) {
                physical.add(new PhysicalBlob(physicalKey(f), inode, f.size(), f.allocated()));
            }
        }
        Instant own = FileStats.stat(snap).map(FileStats.Stat::lastModified).orElse(Instant.EPOCH);
        return new Revision(commit, snap, refs, files, revisionTotals.size(), revisionTotals.allocated(),
                revisionTotals.lastModifiedOr(own));
    }

    private void walk(Path snap, Path dir, List<CachedFile> files, List<Finding> findings) throws IOException {
        for (Path p : sorted(dir)) {
            var self = FileStats.lstat(p);
            if (self.isEmpty()) {
                continue;
            }
            if (self.get().directory()) {
                walk(snap, p, files, findings);
            } else if (self.get().symbolicLink()) {
                var target = FileStats.stat(p);
                if (target.isPresent() && target.get().directory()) {
                    walk(snap, p, files, findings);
                } else {
                    files.add(linked(snap, p, target, findings));
                }
            } else if (self.get().regularFile()) {
                files.add(file(snap, p, p, Storage.COPY, self.get()));
            }
        }
    }

    private CachedFile linked(Path snap, Path link, java.util.Optional<FileStats.Stat> target,
                              List<Finding> findings) throws IOException {
        Path firstHop = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        if (target.isEmpty()) {
            findings.add(Finding.of(FindingKind.DANGLING_LINK, link, firstHop.toString()));
            return new CachedFile(link.getFileName().toString(), relative(snap, link), link, firstHop,
                    Storage.DANGLING, 0, 0, Instant.EPOCH, Instant.EPOCH);
        }
        if (!firstHop.startsWith(blobsDir) && !firstHop.startsWith(sharedStore)) {
            findings.add(Finding.of(FindingKind.LINK_OUTSIDE_REPO, link, firstHop.toString()));
        }
        Storage storage = Files.isSymbolicLink(firstHop) && sharedPayload(firstHop) != null ? Storage.SHARED
                : Storage.LINK;
        return file(snap, link, firstHop, storage, target.get());
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
