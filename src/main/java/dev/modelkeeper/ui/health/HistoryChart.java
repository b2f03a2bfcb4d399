package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.cache.SizeFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ResourceBundle;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;

/** Cache size per root over time, with the growth per week below; an empty state until there are two points. */
public final class HistoryChart extends BorderPane {

    private final HistoryViewModel model;
    private final ResourceBundle texts;
    private AreaChart<Number, Number> chart;
    private Label empty;
    private Label growth;

    public HistoryChart(HistoryViewModel model, ResourceBundle texts) {
        this.model = model;
        this.texts = texts;
        setId("history");
        createParts();
        layoutParts();
        bindToModel();
    }

    private void createParts() {
        var time = new NumberAxis();
        time.setForceZeroInRange(false);
        time.setTickLabelFormatter(new StringConverter<>() {
            private final DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT)
                    .withLocale(texts.getLocale()).withZone(ZoneId.systemDefault());

            @Override
            public String toString(Number seconds) {
                return format.format(Instant.ofEpochSecond(seconds.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        var size = new NumberAxis();
        size.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number bytes) {
                return SizeFormat.bytes(bytes.longValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        chart = new AreaChart<>(time, size);
        chart.setId("history-chart");
        chart.setTitle(texts.getString("health.history.title"));
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        empty = new Label(texts.getString("health.history.empty"));
        empty.setId("history-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("empty-state");
        growth = new Label();
        growth.setId("history-growth");
        growth.setWrapText(true);
        growth.setPadding(new javafx.geometry.Insets(4, 8, 8, 8));
    }

    private void layoutParts() {
        setBottom(growth);
    }

    private void bindToModel() {
        growth.textProperty().bind(model.growthProperty());
        model.seriesProperty().addListener((obs, old, now) -> fill());
        fill();
    }

    private void fill() {
        chart.getData().clear();
        for (var s : model.seriesProperty().get()) {
            var series = new XYChart.Series<Number, Number>();
            series.setName(s.root());
            s.points().forEach(p -> series.getData().add(new XYChart.Data<>(p.time().getEpochSecond(), p.bytes())));
            chart.getData().add(series);
        }
        boolean none = model.isEmpty();
        setCenter(none ? empty : chart);
        growth.setVisible(!none);
        growth.setManaged(!none);
    }
}
