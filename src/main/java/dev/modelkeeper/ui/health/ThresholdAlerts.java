package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.Thresholds;
import dev.modelkeeper.core.metrics.RootFigures;
import dev.modelkeeper.core.metrics.RootFigures.Limit;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.roots.RootItemViewModel;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The thresholds of the settings, watched by the window's scans: a root over its disk-fullness or cache-size limit
 * gets a badge on its card, and a desktop notification once per crossing (again only after the root was back
 * under the limit in a later scan). Runs on the FX thread.
 */
public final class ThresholdAlerts {

    private final Supplier<Thresholds> thresholds;
    private final Supplier<List<RootItemViewModel>> cards;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final Map<Path, Set<Limit>> passed = new HashMap<>();

    public ThresholdAlerts(Supplier<Thresholds> thresholds, Supplier<List<RootItemViewModel>> cards, Dialogs dialogs,
                           ResourceBundle texts) {
        this.thresholds = thresholds;
        this.cards = cards;
        this.dialogs = dialogs;
        this.texts = texts;
    }

    /** A root's scan finished: badge and, for a new crossing, a notification. */
    public void scanned(CacheScan scan) {
        Set<Limit> now = scan.state() == CacheScan.State.ONLINE ? RootFigures.exceeded(scan, thresholds.get())
                : EnumSet.noneOf(Limit.class);
        Set<Limit> before = passed.getOrDefault(scan.root().path(), Set.of());
        passed.put(scan.root().path(), now);
        cards.get().stream().filter(c -> !c.isAll() && c.root().equals(scan.root()))
                .forEach(c -> c.limitsProperty().set(Set.copyOf(now)));
        now.stream().filter(l -> !before.contains(l)).forEach(l -> dialogs.notify(sentence(scan, l)));
    }

    private String sentence(CacheScan scan, Limit limit) {
        var limits = thresholds.get().forRoot(scan.root().path());
        return limit == Limit.DISK_FULL
                ? MessageFormat.format(texts.getString("health.limit.DISK_FULL"), scan.root().path(),
                        Math.round(RootFigures.diskUsedPercent(scan)), limits.diskPercent())
                : MessageFormat.format(texts.getString("health.limit.CACHE_SIZE"), scan.root().path(),
                        SizeFormat.bytes(RootFigures.cacheBytes(scan)), SizeFormat.bytes(limits.cacheBytes()));
    }
}
