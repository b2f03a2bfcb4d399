package dev.modelkeeper.ui.roots;

import java.nio.file.Path;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.fs.FileSystemInfo;
import java.util.ArrayList;
import java.util.List;
import dev.modelkeeper.ui.content.ProblemsModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One entry of the sidebar: a cache root and what its latest scan found. {@link #ALL} is the "All caches"
 * entry. Everything the card shows is derived here, so it can be tested without a toolkit.
 */
public final class RootItemViewModel {

    /** The badges a card can carry. */
    public enum Badge { EPHEMERAL, OFFLINE, NOT_CREATED, PROBLEMS, NETWORK, LIMIT }

    private final CacheRoot root;
    private final ObjectProperty<CacheScan> scan = new SimpleObjectProperty<>();
    private final BooleanProperty scanning = new SimpleBooleanProperty();
    private final ObjectProperty<java.util.Set<dev.modelkeeper.core.metrics.RootFigures.Limit>> limits =
            new SimpleObjectProperty<>(java.util.Set.of());

    private final Path linkTarget;
    private final ReadOnlyIntegerProperty problems;

    public RootItemViewModel(CacheRoot root) {
        this(root, null, null);
    }

    /**
     * @param linkTarget where the root's path leads when it is a link (a cache moved to another disk)
     * @param problems   the window's problems, which the badge counts; null counts the scan's findings
     */
    public RootItemViewModel(CacheRoot root, Path linkTarget, ProblemsModel problems) {
        this.root = root;
        this.linkTarget = linkTarget;
        this.problems = problems == null || root == null ? null : problems.countProperty(root.path());
    }

    /** Ticks when the number of problems changes (the card repaints its badge). */
    public javafx.beans.Observable problemsChanged() {
        return problems != null ? problems : scan;
    }

    /** Where the cache really lives when its path is a link, else null. */
    public Path linkTarget() {
        return linkTarget;
    }

    /** The "All caches" entry. */
    public static RootItemViewModel all() {
        return new RootItemViewModel(null);
    }

    public boolean isAll() {
        return root == null;
    }

    public CacheRoot root() {
        return root;
    }

    public ObjectProperty<CacheScan> scanProperty() {
        return scan;
    }

    public BooleanProperty scanningProperty() {
        return scanning;
    }

    /** The thresholds of the settings this root has passed in its last scan (set by the health feature). */
    public ObjectProperty<java.util.Set<dev.modelkeeper.core.metrics.RootFigures.Limit>> limitsProperty() {
        return limits;
    }

    /** Fraction of the filesystem in use, or -1 when unknown (offline). */
    public double usage() {
        var fs = fileSystem();
        return fs == null || fs.totalBytes() <= 0 ? -1 : (double) fs.usedBytes() / fs.totalBytes();
    }

    public FileSystemInfo fileSystem() {
        CacheScan s = scan.get();
        return s == null ? null : s.fileSystem().orElse(null);
    }

    public long size() {
        return scan.get() == null ? 0 : scan.get().sizeOnDisk();
    }

    /** Bytes of unfinished downloads in the cache (not part of {@link #size}, as in the official scan). */
    public long partialBytes() {
        return scan.get() == null ? 0 : scan.get().partialBytes();
    }

    /** Problems in this cache: what the Problems tab lists for it (warnings and errors). */
    public long problemCount() {
        if (problems != null) {
            return problems.get();
        }
        if (scan.get() == null) {
            return 0;
        }
        // the location itself has its own badge; problems are what is wrong inside the cache
        return scan.get().allFindings().stream().filter(f -> f.kind() != FindingKind.EPHEMERAL_LOCATION)
                .map(Finding::severity).filter(s -> s != Severity.INFO).count();
    }

    public List<Badge> badges() {
        var badges = new ArrayList<Badge>();
        CacheScan s = scan.get();
        if (s == null) {
            return badges;
        }
        switch (s.state()) {
            case OFFLINE, NOT_A_DIRECTORY, UNREADABLE -> badges.add(Badge.OFFLINE);
            case NOT_CREATED -> badges.add(Badge.NOT_CREATED);
            case ONLINE -> { }
        }
        var fs = fileSystem();
        if (fs != null && fs.isEphemeral()) {
            badges.add(Badge.EPHEMERAL);
        }
        if (fs != null && fs.hazards().contains(FileSystemInfo.Hazard.NETWORK)) {
            badges.add(Badge.NETWORK);
        }
        if (s.state() == CacheScan.State.ONLINE && problemCount() > 0) {
            badges.add(Badge.PROBLEMS);
        }
        if (!limits.get().isEmpty()) {
            badges.add(Badge.LIMIT);
        }
        return badges;
    }
}
