package dev.modelkeeper.ui.content;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.layout.HBox;

/**
 * The status column's cell: the verify status with its icon, or, while a download writes into the row's repo,
 * a small "downloading" chip (download icon, bar, percentage) bound to that download's progress.
 */
final class StatusCell extends TreeTableCell<ContentRow, ContentStatus> {

    private final CacheContentViewModel model;
    private final ResourceBundle texts;
    private final ProgressBar bar = new ProgressBar();
    private final HBox chip;

    StatusCell(CacheContentViewModel model) {
        this.model = model;
        this.texts = model.texts();
        bar.setPrefWidth(44);
        bar.getStyleClass().add("downloading-bar");
        chip = new HBox(4, dev.modelkeeper.ui.theme.Icons.of(org.kordamp.ikonli.material2.Material2AL.CLOUD_DOWNLOAD),
                bar);
        chip.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        chip.getStyleClass().add("downloading-chip");
    }

    @Override
    protected void updateItem(ContentStatus s, boolean empty) {
        super.updateItem(s, empty);
        getStyleClass().removeIf(k -> k.startsWith("status-"));
        textProperty().unbind();
        bar.progressProperty().unbind();
        setTooltip(null);
        ContentRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        var download = row != null && row.isRepo() ? model.downloadOf(row.repo())
                : java.util.Optional.<ObservableDoubleValue>empty();
        if (download.isPresent()) {
            downloading(download.get());
            return;
        }
        setText(empty || s == null ? null : texts.getString(s.key()));
        setGraphic(empty || s == null ? null : dev.modelkeeper.ui.theme.Icons.of(ContentIcons.of(s)));
        if (!empty && s != null) {
            getStyleClass().add(s.styleClass());
        }
    }

    private void downloading(ObservableDoubleValue progress) {
        getStyleClass().add("status-downloading");
        bar.progressProperty().bind(progress);
        var percent = Bindings.createStringBinding(() -> progress.get() < 0 ? "" : MessageFormat.format(
                texts.getString("content.downloading.percent"), Math.round(progress.get() * 100)), progress);
        textProperty().bind(percent);
        setGraphic(chip);
        var tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> progress.get() < 0
                ? texts.getString("content.downloading.listing") : MessageFormat.format(
                        texts.getString("content.downloading.tip"), Math.round(progress.get() * 100)), progress));
        setTooltip(tip);
    }
}
