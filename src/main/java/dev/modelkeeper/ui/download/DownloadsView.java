package dev.modelkeeper.ui.download;

import java.util.ResourceBundle;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The downloads panel: one row per running or paused download, hidden when the queue is empty. */
public final class DownloadsView extends VBox {

    private final DownloadQueueViewModel model;
    private final ResourceBundle texts;

    public DownloadsView(DownloadQueueViewModel model, ResourceBundle texts) {
        super(4);
        this.model = model;
        this.texts = texts;
        setId("downloads");
        setPadding(new Insets(4, 10, 4, 10));
        getStyleClass().add("downloads");
        model.entries().addListener((ListChangeListener<DownloadEntry>) c -> sync());
        sync(); // entries restored from the last run are there before the window is
    }

    private void sync() {
        getChildren().setAll(model.entries().stream().map(this::row).toList());
        setVisible(!model.entries().isEmpty());
        setManaged(isVisible());
    }

    private HBox row(DownloadEntry entry) {
        var title = new Label(entry.title());
        title.setMinWidth(Region.USE_PREF_SIZE);
        title.getStyleClass().add("download-title");
        var bar = new ProgressBar();
        bar.setPrefWidth(180);
        bar.progressProperty().bind(entry.progressProperty());
        bar.visibleProperty().bind(entry.stateProperty().isEqualTo(DownloadEntry.State.RUNNING));
        bar.managedProperty().bind(bar.visibleProperty());
        var text = new Label();
        text.getStyleClass().add("download-text");
        text.textProperty().bind(entry.textProperty());
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        var pause = button("jobs.pause", "pause-button", () -> model.pause(entry));
        pause.visibleProperty().bind(bar.visibleProperty());
        pause.managedProperty().bind(pause.visibleProperty());
        var resume = button("downloads.resume", "resume-button", () -> model.resume(entry));
        resume.visibleProperty().bind(bar.visibleProperty().not());
        resume.managedProperty().bind(resume.visibleProperty());
        var cancel = button("downloads.cancel", "cancel-download-button", () -> model.cancel(entry));
        var row = new HBox(10, title, bar, text, pause, resume, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("download-row");
        return row;
    }

    private Button button(String key, String styleClass, Runnable action) {
        var b = new Button(texts.getString(key));
        b.getStyleClass().add(styleClass);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }
}
