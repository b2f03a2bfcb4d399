package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.metrics.ScanHistory;
import java.io.IOException;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The size history beside the usage treemap, without a scene graph: each finished scan of the window adds a point
 * per root to {@link ScanHistory} (as the command line's {@code metrics} does), and the chart shows the points per
 * root with the growth per week over the last four weeks. The file is read and written on the I/O executor.
 */
public final class HistoryViewModel {

    /** One root's points, oldest first, at most {@link #MAX_POINTS} of them. */
    public record Series(String root, List<ScanHistory.Point> points) {
    }

    static final int MAX_POINTS = 300;
    private static final Duration GROWTH_WINDOW = Duration.ofDays(28);

    private final ScanHistory history;
    private final Executor io;
    private final Executor fx;
    private final Clock clock;
    private final ResourceBundle texts;
    private final ReadOnlyObjectWrapper<List<Series>> series = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper growth = new ReadOnlyStringWrapper("");
    private Map<String, ScanHistory.Growth> lastGrowth = Map.of();

    public HistoryViewModel(ScanHistory history, Executor io, Executor fx, Clock clock, ResourceBundle texts) {
        this.history = history;
        this.io = io;
        this.fx = fx;
        this.clock = clock;
        this.texts = texts;
    }

    public ReadOnlyObjectProperty<List<Series>> seriesProperty() {
        return series.getReadOnlyProperty();
    }

    /** "/cache: +1.2 GB a week" per root that has a growth yet. */
    public ReadOnlyStringProperty growthProperty() {
        return growth.getReadOnlyProperty();
    }

    /** Fewer than two points for every root: nothing to draw a line through. */
    public boolean isEmpty() {
        return series.get().stream().allMatch(s -> s.points().size() < 2);
    }

    /** Reads the history (at start). */
    public void load() {
        io.execute(() -> publish(false, null));
    }

    /** A scan of the window finished: its root's size joins the history. */
    public void recorded(CacheScan scan) {
        io.execute(() -> publish(true, scan));
    }

    private void publish(boolean append, CacheScan scan) {
        try {
            if (append) {
                history.append(List.of(scan), clock.instant());
            }
            var byRoot = new LinkedHashMap<String, List<ScanHistory.Point>>();
            history.read().forEach(p -> byRoot.computeIfAbsent(p.root(), r -> new ArrayList<>()).add(p));
            var all = byRoot.entrySet().stream().map(e -> new Series(e.getKey(), thin(e.getValue()))).toList();
            var perWeek = history.growthPerWeek(clock.instant().minus(GROWTH_WINDOW));
            fx.execute(() -> show(all, perWeek));
        } catch (IOException e) {
            // the history is a nicety: the window works the same without it
        }
    }

    private void show(List<Series> all, Map<String, ScanHistory.Growth> perWeek) {
        lastGrowth = perWeek;
        series.set(all);
        relocalize();
    }

    /** The growth line again, in the language the window now shows. */
    public void relocalize() {
        var parts = new ArrayList<String>();
        lastGrowth.values().forEach(g -> parts.add(MessageFormat.format(texts.getString("health.history.growth"),
                g.root(), (g.bytesPerWeek() < 0 ? "-" : "+") + SizeFormat.bytes(Math.abs(g.bytesPerWeek())))));
        growth.set(parts.isEmpty() ? texts.getString("health.history.noGrowth") : String.join("\n", parts));
    }

    /** Every n-th point, so a long history stays a quick chart; the last point is always kept. */
    static List<ScanHistory.Point> thin(List<ScanHistory.Point> points) {
        var sorted = new ArrayList<>(points);
        sorted.sort(java.util.Comparator.comparing(ScanHistory.Point::time));
        if (sorted.size() <= MAX_POINTS) {
            return sorted;
        }
        int step = (sorted.size() + MAX_POINTS - 1) / MAX_POINTS;
        var kept = new ArrayList<ScanHistory.Point>();
        for (int i = 0; i < sorted.size(); i += step) {
            kept.add(sorted.get(i));
        }
        if (!kept.getLast().equals(sorted.getLast())) {
            kept.add(sorted.getLast());
        }
        return kept;
    }
}
