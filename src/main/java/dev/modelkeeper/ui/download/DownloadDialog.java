package dev.modelkeeper.ui.download;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.DownloadRequest;
import java.util.ResourceBundle;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** The "Download model…" dialog; returns the request to start, or nothing when cancelled. */
public final class DownloadDialog extends Dialog<DownloadRequest> {

    private final DownloadViewModel model;
    private final ResourceBundle texts;

    public DownloadDialog(DownloadViewModel model, ResourceBundle texts) {
        this.model = model;
        this.texts = texts;
        setTitle(texts.getString("download.title"));
        setHeaderText(texts.getString("download.header"));
        var start = new ButtonType(texts.getString("download.start"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(start, ButtonType.CANCEL);
        getDialogPane().setContent(form());
        getDialogPane().lookupButton(start).disableProperty().bind(model.downloadableProperty().not());
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE); // grows with a long message instead of cutting it
        getDialogPane().setId("download-dialog");
        setResultConverter(b -> b == start ? model.request(false) : null);
    }

    private GridPane form() {
        var repo = field("download-repo", "org/name");
        repo.textProperty().bindBidirectional(model.repoIdProperty());
        var type = new ChoiceBox<RepoType>();
        type.getItems().setAll(RepoType.MODEL, RepoType.DATASET, RepoType.SPACE);
        type.valueProperty().bindBidirectional(model.typeProperty());
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(RepoType t) {
                return t == null ? "" : texts.getString("download.type." + t.id());
            }

            @Override
            public RepoType fromString(String s) {
                return null;
            }
        });
        setOnShown(e -> repo.requestFocus());
        var revision = field("download-revision", "main");
        revision.textProperty().bindBidirectional(model.revisionProperty());
        var include = field("download-include", "*.safetensors config.json");
        include.textProperty().bindBidirectional(model.includeProperty());
        var exclude = field("download-exclude", "*.bin");
        exclude.textProperty().bindBidirectional(model.excludeProperty());
        var target = new ChoiceBox<CacheRoot>(model.targets());
        target.setConverter(new StringConverter<>() {
            @Override
            public String toString(CacheRoot r) {
                return r == null ? "" : r.path().toString();
            }

            @Override
            public CacheRoot fromString(String s) {
                return null;
            }
        });
        target.valueProperty().bindBidirectional(model.targetProperty());
        var preview = new Button(texts.getString("download.previewButton"));
        preview.setId("download-preview");
        preview.disableProperty().bind(model.validProperty().not().or(model.previewingProperty()));
        preview.setOnAction(e -> model.preview());
        var result = message("download-preview-text", model.previewProperty());
        var hint = message("download-hint", model.hintProperty());
        // the window grows with its text: a dialog does not resize itself when its content gets taller
        result.textProperty().addListener((o, was, now) -> fitWindow());
        hint.textProperty().addListener((o, was, now) -> fitWindow());
        hint.getStyleClass().add("download-hint");
        var grid = new GridPane(10, 8);
        int row = 0;
        grid.addRow(row++, label("download.repo"), repo);
        grid.addRow(row++, label("download.type"), type);
        grid.addRow(row++, label("download.revision"), revision);
        grid.addRow(row++, label("download.include"), include);
        grid.addRow(row++, label("download.exclude"), exclude);
        grid.addRow(row++, label("download.target"), target);
        grid.addRow(row++, preview);
        grid.add(result, 0, row++, 2, 1); // the whole width: error messages are long sentences
        grid.add(hint, 0, row, 2, 1);
        return grid;
    }

    private void fitWindow() {
        javafx.application.Platform.runLater(() -> {
            var window = getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow();
            if (window != null) {
                window.sizeToScene();
            }
        });
    }

    /** A field label that is never shortened to "Only files mat…". */
    private Label label(String key) {
        var l = new Label(texts.getString(key));
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A message that wraps and takes the height it needs, however long. */
    private static Label message(String id, javafx.beans.value.ObservableValue<String> text) {
        var l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(520);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.managedProperty());
        return l;
    }

    private static TextField field(String id, String prompt) {
        var f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(28);
        return f;
    }
}
