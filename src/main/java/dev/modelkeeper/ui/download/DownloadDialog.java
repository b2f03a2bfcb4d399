package dev.modelkeeper.ui.download;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.ops.DownloadRequest;
import java.util.ResourceBundle;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
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
        getDialogPane().lookupButton(start).disableProperty().bind(model.validProperty().not());
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
        var result = new Label();
        result.setId("download-preview-text");
        result.setWrapText(true);
        result.setMaxWidth(420);
        result.textProperty().bind(model.previewProperty());
        var grid = new GridPane(10, 8);
        int row = 0;
        grid.addRow(row++, new Label(texts.getString("download.repo")), repo);
        grid.addRow(row++, new Label(texts.getString("download.type")), type);
        grid.addRow(row++, new Label(texts.getString("download.revision")), revision);
        grid.addRow(row++, new Label(texts.getString("download.include")), include);
        grid.addRow(row++, new Label(texts.getString("download.exclude")), exclude);
        grid.addRow(row++, new Label(texts.getString("download.target")), target);
        grid.addRow(row, preview, result);
        return grid;
    }

    private static TextField field(String id, String prompt) {
        var f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(28);
        return f;
    }
}
