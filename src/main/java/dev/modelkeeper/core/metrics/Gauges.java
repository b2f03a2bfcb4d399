package dev.modelkeeper.core.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/** Builds one gauge family point by point. */
final class Gauges {

    private final GaugeSnapshot.Builder builder;

    Gauges(String name, String help) {
        builder = GaugeSnapshot.builder().name(name).help(help);
    }

    /** A family of one unlabelled value. */
    static GaugeSnapshot single(String name, String help, double value) {
        return new Gauges(name, help).add(value).build();
    }

    /** Adds a point; {@code labels} are name, value, name, value ... */
    Gauges add(double value, String... labels) {
        builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of(labels)).value(value).build());
        return this;
    }

    GaugeSnapshot build() {
        return builder.build();
    }
}
