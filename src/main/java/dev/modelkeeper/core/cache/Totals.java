package dev.modelkeeper.core.cache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Adds up files the way the official scanner does (each distinct blob once), and allocated space the
 * way the disk does (each inode once, so hard links and shared payloads are not counted twice).
 */
final class Totals {

    private final Map<Path, CachedFile> blobs = new HashMap<>();
    private final Set<Object> inodes = new HashSet<>();
    private long size;
    private long allocated;
    private Instant lastAccessed;
    private Instant lastModified;

    /** Adds a file unless its blob was added before; true when it was new. {@code inode} may be null. */
    boolean add(CachedFile file, Object inode) {
        if (blobs.putIfAbsent(file.blobPath(), file) != null) {
            return false;
        }
        size += file.size();
        if (inode == null || inodes.add(inode)) {
            allocated += file.allocated();
        }
        lastAccessed = max(lastAccessed, file.lastAccessed());
        lastModified = max(lastModified, file.lastModified());
        return true;
    }

    int distinctBlobs() {
        return blobs.size();
    }

    Set<Path> blobPaths() {
        return blobs.keySet();
    }

    long size() {
        return size;
    }

    long allocated() {
        return allocated;
    }

    Instant lastAccessedOr(Instant fallback) {
        return lastAccessed != null ? lastAccessed : fallback;
    }

    Instant lastModifiedOr(Instant fallback) {
        return lastModified != null ? lastModified : fallback;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
