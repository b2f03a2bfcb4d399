package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.cache.HubRepoScanner.PhysicalBlob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a layout scan found, with cache-level totals: {@code size} counts each payload once (the
 * official 2.0 {@code size_on_disk}); {@code allocated} counts each inode once, including partial
 * downloads and orphans, i.e. what deleting the cache would free.
 */
final class LayoutResult {

    private final CacheKind kind;
    private final List<Repo> repos = new ArrayList<>();
    private final List<Finding> findings;
    private final List<IncompleteFile> incomplete = new ArrayList<>();
    private final Set<Object> keys = new HashSet<>();
    private final Set<Object> inodes = new HashSet<>();
    private long size;
    private long allocated;

    LayoutResult(CacheKind kind, List<Finding> findings) {
        this.kind = kind;
        this.findings = new ArrayList<>(findings);
    }

    void addPhysical(List<PhysicalBlob> blobs) {
        for (PhysicalBlob b : blobs) {
            if (keys.add(b.key())) {
                size += b.size();
            }
            if (b.inode() == null || inodes.add(b.inode())) {
                allocated += b.allocated();
            }
        }
    }

    /**
     * Totals for layouts without blobs (torch, ModelScope, plain folders): every file of every repo is
     * its own payload, and partial downloads count only as allocated space.
     */
    void countFlatFiles() {
        var blobs = new java.util.ArrayList<PhysicalBlob>();
        repos.forEach(r -> r.revisions().forEach(rev -> rev.files().forEach(f ->
                blobs.add(new PhysicalBlob(f.blobPath(), null, f.size(), f.allocated())))));
        incomplete.forEach(i -> blobs.add(new PhysicalBlob(i.path(), null, 0, i.size())));
        addPhysical(blobs);
    }

    CacheKind kind() {
        return kind;
    }

    List<Repo> repos() {
        return repos;
    }

    List<Finding> findings() {
        return findings;
    }

    List<IncompleteFile> incomplete() {
        return incomplete;
    }

    long size() {
        return size;
    }

    long allocated() {
        return allocated;
    }
}
