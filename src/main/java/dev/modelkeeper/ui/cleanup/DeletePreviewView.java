package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.ui.content.Formats;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Delete preview: the bytes freed first and large, then what goes, what stays because it is shared, what
 * is refused with why, and the choice between the trash and deleting for good.
 */
final class DeletePreviewView extends BorderPane {

    private final DeletePreview preview;
    private final ResourceBundle texts;
    private final ToggleGroup mode = new ToggleGroup();
    private RadioButton trash;
    private RadioButton permanent;

    DeletePreviewView(DeletePreview preview, ResourceBundle texts) {
        this.preview = preview;
        this.texts = texts;
        setId("delete-preview");
        layoutParts();
    }

    private void layoutParts() {
        var freed = new Label(MessageFormat.format(texts.getString("cleanup.preview.freed"),
                Formats.size(preview.freedBytes())));
        freed.setId("delete-freed");
        freed.getStyleClass().add("title-2");
        var lists = new VBox(10, section("cleanup.preview.goes", "delete-goes", preview.goes()));
        if (!preview.kept().isEmpty()) {
            lists.getChildren().add(section("cleanup.preview.kept", "delete-kept", preview.kept()));
        }
        if (!preview.refused().isEmpty()) {
            lists.getChildren().add(section("cleanup.preview.refused", "delete-refused",
                    preview.refused().stream().map(r -> new DeletePreview.Line(r, -1)).toList()));
        }
        var scroll = new ScrollPane(lists);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(220);
        setTop(freed);
        setCenter(scroll);
        setBottom(modes());
        BorderPane.setMargin(scroll, new Insets(10, 0, 10, 0));
        setPrefWidth(560);
    }

    private VBox section(String headerKey, String id, List<DeletePreview.Line> lines) {
        var box = new VBox(2);
        box.setId(id);
        var header = new Label(texts.getString(headerKey));
        header.getStyleClass().add("text-bold");
        box.getChildren().add(header);
        for (DeletePreview.Line line : lines) {
            var text = new Label(line.text());
            text.setWrapText(true);
            var spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            var size = new Label(line.bytes() < 0 ? "" : Formats.size(line.bytes()));
            size.getStyleClass().add("numeric");
            size.setMinWidth(Region.USE_PREF_SIZE); // the size is never cut, the text wraps
            box.getChildren().add(new HBox(8, text, spacer, size));
        }
        return box;
    }

    private VBox modes() {
        trash = new RadioButton(texts.getString("cleanup.mode.trash"));
        trash.setId("delete-trash");
        permanent = new RadioButton(texts.getString("cleanup.mode.permanent"));
        permanent.setId("delete-permanent");
        trash.setToggleGroup(mode);
        permanent.setToggleGroup(mode);
        var note = new Label(texts.getString(preview.trashAvailable() ? "cleanup.mode.trash.note"
                : "cleanup.mode.noTrash"));
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");
        trash.setDisable(!preview.trashAvailable());
        mode.selectToggle(preview.trashAvailable() ? trash : permanent);
        return new VBox(6, trash, permanent, note);
    }

    /** The choice as it stands. */
    CleanupPrompts.Mode mode() {
        return mode.getSelectedToggle() == trash ? CleanupPrompts.Mode.TRASH : CleanupPrompts.Mode.PERMANENT;
    }
}
