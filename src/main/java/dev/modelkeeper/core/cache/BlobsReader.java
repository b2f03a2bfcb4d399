package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.cache.HubRepoScanner.PhysicalBlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code blobs/} of one repo for what no snapshot shows: partial downloads and orphan blobs
 * (the official scanner never looks, so their space is invisible there).
 */
final class BlobsReader {

    private final Path repoDir;
    private final Path cacheDir;
    private final LockProbe locks;
    private final ScanFs fs;
    private final RepoStamps stamps;

    BlobsReader(Path repoDir, Path cacheDir, LockProbe locks, ScanFs fs, RepoStamps stamps) {
        this.repoDir = repoDir;
        this.fs = fs;
        this.stamps = stamps;
        this.cacheDir = cacheDir;
        this.locks = locks;
    }

    void read(Set<Path> referenced, List<Finding> findings, List<IncompleteFile> incomplete,
              List<PhysicalBlob> physical) throws IOException {
        Path blobs = repoDir.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return;
        }
        for (Path p : fs.list(blobs)) {
            var st = fs.lstat(p).orElse(null);
            if (st == null || st.directory()) {
                continue;
            }
            String name = p.getFileName().toString();
            if (HubLayout.isPartial(name) || isRepairLeftover(name)) {
                stamps.notIndexable(); // grows in place and its lock comes and goes: rescanned every time
            }
            if (HubLayout.isPartial(name)) {
                boolean held = locks.isHeld(lockFile(name));
                incomplete.add(new IncompleteFile(p, st.size(), st.lastModified(), held));
                findings.add(Finding.of(FindingKind.INCOMPLETE_FILE, p,
                        SizeFormat.bytes(st.size()) + (held ? ", being written" : "")));
                physical.add(new PhysicalBlob(p, st.fileKey(), 0, st.allocated()));
            } else if (isRepairLeftover(name)) { // never an orphan: it may be the only copy of the original
                if (!locks.isHeld(lockFile(name))) { // held: a repair is working on it right now
                    findings.add(Finding.of(FindingKind.INTERRUPTED_REPAIR, p, SizeFormat.bytes(st.size())));
                }
                physical.add(new PhysicalBlob(p, st.fileKey(), 0, st.allocated()));
            } else if (!referenced.contains(p)) {
                var target = fs.stat(p).orElse(st);
                findings.add(Finding.of(FindingKind.ORPHAN_BLOB, p, SizeFormat.bytes(target.size())));
                physical.add(new PhysicalBlob(p, target.fileKey(), 0, target.allocated()));
            }
        }
    }

    /** What Repair keeps beside a blob while it works (see {@code RepairRecovery}). */
    static boolean isRepairLeftover(String name) {
        return name.endsWith(".repair-journal") || name.endsWith(".repair-aside") || name.endsWith(".repair-copy");
    }

    /** {@code CACHE/.locks/<repo folder>/<etag>.lock} for {@code <etag>[.<8hex>].incomplete}. */
    private Path lockFile(String incompleteName) {
        String etag = incompleteName.substring(0, incompleteName.indexOf('.'));
        return cacheDir.resolve(".locks").resolve(repoDir.getFileName()).resolve(etag + ".lock");
    }
}
