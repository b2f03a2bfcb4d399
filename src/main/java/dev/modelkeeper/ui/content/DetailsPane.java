package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.FindingTexts;
import java.nio.file.Path;
import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Details of the selected row. One layout per kind of selection (nothing, repo, revision, file), picked
 * by {@link Shown}; values are selectable text so a commit hash or a path can be copied.
 */
final class DetailsPane extends ScrollPane {

    /** What the pane is showing. */
    enum Shown { NOTHING, REPO, REVISION, FILE }

    private final CacheContentViewModel model;
    private final ResourceBundle texts;
    private final FindingTexts findingTexts;
    private Shown shown = Shown.NOTHING;

    DetailsPane(CacheContentViewModel model) {
        this.model = model;
        this.texts = model.texts();
        this.findingTexts = new FindingTexts(texts.getLocale());
        setId("details");
        setFitToWidth(true);
        getStyleClass().add("details");
        model.selectionProperty().addListener((obs, old, row) -> show(row));
        show(model.selectionProperty().get());
    }

    Shown shown() {
        return shown;
    }

    private void show(ContentRow row) {
        shown = row == null ? Shown.NOTHING : row.isRepo() ? Shown.REPO : row.isRevision() ? Shown.REVISION : Shown.FILE;
        var box = new VBox(10);
        box.setPadding(new Insets(12));
        switch (shown) {
            case NOTHING -> {
                var hint = new Label(texts.getString("content.details.none"));
                hint.setWrapText(true);
                box.getChildren().add(hint);
            }
            case REPO -> repo(box, row);
            case REVISION -> revision(box, row);
            case FILE -> file(box, row);
        }
        setContent(box);
    }

    private void repo(VBox box, ContentRow row) {
        var r = row.repo();
        box.getChildren().add(title(r.repoId()));
        box.getChildren().add(grid(
                "type", r.type().id(), "path", r.repoPath().toString(),
                "size", Formats.size(r.sizeOnDisk()), "allocated", Formats.size(r.allocatedOnDisk()),
                "files", String.valueOf(r.nbFiles()), "revisions", String.valueOf(r.revisions().size()),
                "refs", String.join(", ", r.refNames())));
        if (r.partialBytes() > 0) {
            box.getChildren().add(grid("partial", Formats.size(r.partialBytes())));
        }
        box.getChildren().add(actions(r.repoPath()));
        if (!r.findings().isEmpty()) {
            box.getChildren().add(title(texts.getString("content.details.findings")));
            r.findings().forEach(f -> {
                var l = new Label(findingTexts.severity(f.severity()) + ": " + findingTexts.message(f) + " "
                        + findingTexts.repair(f));
                l.setWrapText(true);
                l.getStyleClass().add("finding-" + f.severity().name().toLowerCase(java.util.Locale.ROOT));
                box.getChildren().add(l);
            });
        }
    }

    private void revision(VBox box, ContentRow row) {
        var rev = row.revision();
        box.getChildren().add(title(row.repo().repoId()));
        box.getChildren().add(grid("commit", rev.commitHash(), "refs", String.join(", ", rev.refs()),
                "path", rev.snapshotPath().toString(), "files", String.valueOf(rev.nbFiles()),
                "size", Formats.size(rev.sizeOnDisk()),
                "modified", Formats.dateTime(rev.lastModified(), texts.getLocale())));
        box.getChildren().add(actions(rev.snapshotPath()));
    }

    private void file(VBox box, ContentRow row) {
        var f = row.file();
        box.getChildren().add(title(f.filePath()));
        box.getChildren().add(grid("path", f.snapshotPath().toString(), "blob", f.blobPath().toString(),
                "storage", texts.getString("content.storage." + f.storage().name()),
                "size", Formats.size(f.size()), "modified", Formats.dateTime(f.lastModified(), texts.getLocale()),
                "accessed", Formats.dateTime(f.lastAccessed(), texts.getLocale())));
        box.getChildren().add(actions(f.snapshotPath()));
    }

    private static Label title(String text) {
        var l = new Label(text);
        l.getStyleClass().add("details-title");
        l.setWrapText(true);
        return l;
    }

    /**
     * Key and value rows. A value too long for the pane is shortened in the middle (the start and end of
     * a path or hash say the most), the tooltip shows it whole and the button beside it copies it.
     */
    private GridPane grid(String... keysAndValues) {
        var grid = new GridPane(8, 4);
        var valueColumn = new javafx.scene.layout.ColumnConstraints();
        valueColumn.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        valueColumn.setMinWidth(0);
        grid.getColumnConstraints().setAll(new javafx.scene.layout.ColumnConstraints(), valueColumn);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String name = keysAndValues[i];
            String text = keysAndValues[i + 1];
            var key = new Label(texts.getString("content.details." + name));
            key.getStyleClass().add("details-key");
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the value gives way, never the label
            var value = new Label(text);
            value.setId("detail-" + name);
            value.getStyleClass().add("details-value");
            value.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            value.setMinWidth(0);
            value.setMaxWidth(Double.MAX_VALUE);
            value.setTooltip(new javafx.scene.control.Tooltip(text));
            var copy = new Button(texts.getString("content.details.copy"));
            copy.setId("detail-" + name + "-copy");
            copy.getStyleClass().add("details-copy");
            copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            copy.setTooltip(new javafx.scene.control.Tooltip(texts.getString("content.details.copy.tip")));
            copy.setOnAction(e -> model.pathActions().copyText(text));
            copy.setFocusTraversable(false);
            GridPane.setHgrow(value, javafx.scene.layout.Priority.ALWAYS);
            grid.addRow(i / 2, key, value, copy);
        }
        return grid;
    }

    private javafx.scene.layout.FlowPane actions(Path path) {
        var reveal = new Button(texts.getString("content.action.reveal"));
        reveal.setOnAction(e -> model.pathActions().reveal(path));
        var copy = new Button(texts.getString("content.action.copy"));
        copy.setOnAction(e -> model.pathActions().copy(path));
        var row = new javafx.scene.layout.FlowPane(8, 6, reveal, copy); // wraps in a narrow pane
        return row;
    }
}
