package dev.modelkeeper.core.env;

import java.nio.file.Path;
import java.util.List;

/**
 * When a cache root counts as too full, for the metrics ({@code modelkeeper_threshold_exceeded}) and alerts.
 * A root named in {@link #roots} uses its own limits; every other root the defaults.
 *
 * @param diskPercent the disk a cache is on is too full above this many percent used; 0 means no limit
 * @param cacheBytes  a cache larger than this many bytes is too big; 0 means no limit
 * @param roots       limits for single roots, overriding the defaults
 */
public record Thresholds(int diskPercent, long cacheBytes, List<RootLimit> roots) {

    /** The disk limit when the user has set none: the alert in docs/monitoring.md fires at the same point. */
    public static final int DEFAULT_DISK_PERCENT = 85;

    /**
     * Limits for one root.
     *
     * @param path        the root's path as the scan shows it (a string, so that settings.json can be edited by hand)
     * @param diskPercent as {@link Thresholds#diskPercent}
     * @param cacheBytes  as {@link Thresholds#cacheBytes}
     */
    public record RootLimit(String path, int diskPercent, long cacheBytes) {

        public RootLimit {
            path = Path.of(path).toAbsolutePath().normalize().toString();
            diskPercent = clampPercent(diskPercent);
            cacheBytes = Math.max(0, cacheBytes);
        }
    }

    public Thresholds {
        diskPercent = clampPercent(diskPercent);
        cacheBytes = Math.max(0, cacheBytes);
        roots = roots == null ? List.of() : List.copyOf(roots);
    }

    public static Thresholds defaults() {
        return new Thresholds(DEFAULT_DISK_PERCENT, 0, List.of());
    }

    /** The limits that apply to {@code root}. */
    public RootLimit forRoot(Path root) {
        String p = root.toAbsolutePath().normalize().toString();
        return roots.stream().filter(r -> r.path().equals(p)).findFirst()
                .orElse(new RootLimit(p, diskPercent, cacheBytes));
    }

    private static int clampPercent(int percent) {
        return Math.clamp(percent, 0, 100);
    }
}
