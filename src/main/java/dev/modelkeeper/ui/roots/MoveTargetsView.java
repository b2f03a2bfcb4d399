package dev.modelkeeper.ui.roots;

import dev.modelkeeper.ui.content.Formats;
import dev.modelkeeper.ui.migrate.MoveJobs;
import dev.modelkeeper.ui.migrate.MoveTarget;
import java.io.File;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;

/**
 * The drop zone under the sidebar: each mounted disk with its free space. Drop a cache card (or a folder
 * from the file manager) on one to move it there behind a link; the plan is shown first.
 */
final class MoveTargetsView extends VBox {

    MoveTargetsView(MoveJobs moves, ResourceBundle texts, Runnable chooseFolder) {
        super(4);
        setId("move-targets");
        getStyleClass().add("move-targets");
        var header = new Label(texts.getString("move.targets"));
        header.getStyleClass().add("sidebar-header");
        var list = new ListView<MoveTarget>(moves.targets());
        list.setId("move-target-list");
        // one line per disk, no filler under the last one (the placeholder needs one line too)
        list.setFixedCellSize(28);
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(6, Math.max(1, moves.targets().size())) * 28 + 4.0, moves.targets()));
        list.setPlaceholder(new Label(texts.getString("move.targets.none")));
        list.setCellFactory(v -> new ListCell<>() {
            {
                setPrefWidth(0); // as wide as the list: a long path is cut with an ellipsis, its tooltip has all
                setOnDragOver(e -> {
                    if (getItem() != null && e.getDragboard().hasFiles()) {
                        e.acceptTransferModes(TransferMode.MOVE);
                        getStyleClass().add("drop-target");
                    }
                    e.consume();
                });
                setOnDragExited(e -> getStyleClass().remove("drop-target"));
                setOnDragDropped(e -> {
                    boolean ok = getItem() != null && e.getDragboard().hasFiles();
                    if (ok) {
                        File first = e.getDragboard().getFiles().getFirst();
                        moves.move(first.toPath().toAbsolutePath().normalize(), getItem().folder());
                    }
                    e.setDropCompleted(ok);
                    e.consume();
                });
            }

            @Override
            protected void updateItem(MoveTarget t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : MessageFormat.format(texts.getString("move.target"),
                        t.folder(), t.type(), Formats.size(t.free())));
                setId(empty || t == null ? null : "move-target-" + t.folder());
                setTooltip(empty || t == null ? null : new javafx.scene.control.Tooltip(getText()));
                setGraphic(empty || t == null ? null : dev.modelkeeper.ui.theme.Icons.of(
                        org.kordamp.ikonli.material2.Material2MZ.STORAGE));
                getStyleClass().remove("move-target");
                if (!empty && t != null) {
                    getStyleClass().add("move-target");
                }
            }
        });
        var hint = new Label(texts.getString("move.targets.hint"));
        hint.getStyleClass().add("drop-hint");
        hint.setWrapText(true);
        var other = new javafx.scene.control.Button(texts.getString("move.targets.other"),
                dev.modelkeeper.ui.theme.Icons.of(org.kordamp.ikonli.material2.Material2AL.CREATE_NEW_FOLDER));
        other.setId("move-target-other");
        other.setOnAction(e -> chooseFolder.run());
        getChildren().setAll(header, list, other, hint);
    }
}
