package dev.modelkeeper.core.metrics;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.env.Thresholds;
import dev.modelkeeper.core.fs.FileSystemInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.EnumSet;
import java.util.Set;

/** Figures about one scanned root that the scan does not add up itself. */
public final class RootFigures {

    /** Which limit a root has passed; the {@code kind} label of {@code modelkeeper_threshold_exceeded}. */
    public enum Limit {
        /** The disk the cache is on is fuller than the percentage set. */
        DISK_FULL,
        /** The cache itself (blobs and partial downloads) is larger than the size set. */
        CACHE_SIZE
    }

    private RootFigures() {
    }

    /** Bytes of blobs no snapshot links to (each {@link FindingKind#ORPHAN_BLOB} finding's file, not followed). */
    public static long orphanBytes(CacheScan scan) {
        long sum = 0;
        for (var f : scan.allFindings()) {
            if (f.kind() == FindingKind.ORPHAN_BLOB) {
                try {
                    sum += Files.readAttributes(f.path(), java.nio.file.attribute.BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS).size();
                } catch (IOException gone) {
                    // deleted since the scan: it costs nothing any more
                }
            }
        }
        return sum;
    }

    /** The cache's own bytes: its blobs and its unfinished downloads. */
    public static long cacheBytes(CacheScan scan) {
        return scan.sizeOnDisk() + scan.partialBytes();
    }

    /** Percent of the disk in use, or -1 when the disk is unknown (an offline root). */
    public static double diskUsedPercent(CacheScan scan) {
        return scan.fileSystem().filter(fs -> fs.totalBytes() > 0)
                .map(fs -> 100.0 * fs.usedBytes() / fs.totalBytes()).orElse(-1.0);
    }

    /** Whether the root's data may vanish (tmpfs, a container layer, a temp folder). */
    public static boolean isVolatile(CacheScan scan) {
        return scan.fileSystem().map(FileSystemInfo::isEphemeral).orElse(false);
    }

    /** The limits this root has passed; a limit of 0 is never passed. */
    public static Set<Limit> exceeded(CacheScan scan, Thresholds thresholds) {
        var limits = thresholds.forRoot(scan.root().path());
        var passed = EnumSet.noneOf(Limit.class);
        if (limits.diskPercent() > 0 && diskUsedPercent(scan) > limits.diskPercent()) {
            passed.add(Limit.DISK_FULL);
        }
        if (limits.cacheBytes() > 0 && cacheBytes(scan) > limits.cacheBytes()) {
            passed.add(Limit.CACHE_SIZE);
        }
        return passed;
    }
}
