package dev.modelkeeper.ui.roots;

import dev.modelkeeper.ui.migrate.MoveJobs;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;

/** The sidebar: every cache root as a card; drop a folder here to add it. */
public final class RootsView extends VBox {

    private final RootsViewModel model;
    private final MoveJobs moves;
    private final ResourceBundle texts;
    private ListView<RootItemViewModel> list;
    private final java.util.List<RootCell> cells = new java.util.ArrayList<>();
    private Label header;
    private Label dropHint;

    private final Runnable chooseMoveTarget;

    /**
     * @param moves the disks and folders under the list, to drop caches on
     * @param chooseMoveTarget asks for any folder to add to the "Move to" list
     */
    public RootsView(RootsViewModel model, MoveJobs moves, Runnable chooseMoveTarget) {
        this.model = model;
        this.moves = moves;
        this.chooseMoveTarget = chooseMoveTarget;
        this.texts = model.texts();
        createParts();
        layoutParts();
        bindToModel();
    }

    private void createParts() {
        header = new Label(texts.getString("roots.header"));
        header.getStyleClass().add("sidebar-header");
        list = new ListView<>();
        list.setId("roots");
        list.setCellFactory(v -> {
            // a card that changed (scanned, a badge more) may be taller: the list is fitted again next pulse
            var cell = new RootCell(texts, () -> javafx.application.Platform.runLater(this::requestLayout));
            cell.setContextMenu(menuFor(cell));
            cells.add(cell);
            return cell;
        });
        dropHint = new Label(texts.getString("roots.dropHint"));
        dropHint.getStyleClass().add("drop-hint");
        dropHint.setWrapText(true);
    }

    private void layoutParts() {
        setId("sidebar");
        getStyleClass().add("sidebar");
        // as tall as its cards (see fitList), no taller: the drop hint and the disks follow the last card
        list.setMinHeight(60);
        getChildren().setAll(header, list, dropHint, new MoveTargetsView(moves, texts, chooseMoveTarget));
    }

    private void bindToModel() {
        list.setItems(model.items());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> model.select(item));
        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dropped);
        setOnDragExited(e -> getStyleClass().remove("drop-target"));
    }

    @Override
    protected void layoutChildren() {
        fitList();
        super.layoutChildren();
    }

    /**
     * Sets the list's preferred height to the sum of its cards' heights (cards differ: badges, a link line), so
     * no filler space sits under the last card. Cards not laid out yet count as the average of those that are;
     * when the sidebar is too short the list shrinks and scrolls.
     */
    private void fitList() {
        int count = list.getItems().size();
        var heights = new java.util.HashMap<Integer, Double>();
        double width = list.getWidth() > 0 ? list.getWidth() : -1;
        for (RootCell cell : cells) {
            int i = cell.getIndex();
            if (cell.isVisible() && !cell.isEmpty() && i >= 0 && i < count && cell.getGraphic() != null) {
                // what the flow laid the cell out at counts too: its own measure may differ by a line's padding
                heights.put(i, Math.max(cell.cardHeight(width), cell.getHeight()));
            }
        }
        double known = heights.values().stream().mapToDouble(Double::doubleValue).sum();
        double average = heights.isEmpty() ? 64 : known / heights.size();
        double height = known + average * (count - heights.size()) + list.snappedTopInset()
                + list.snappedBottomInset() + 2;
        if (Math.abs(list.getPrefHeight() - height) > 0.5) {
            list.setPrefHeight(height);
        }
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            if (!getStyleClass().contains("drop-target")) {
                getStyleClass().add("drop-target");
            }
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        model.addRoots(files.stream().map(File::toPath).toList());
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }

    private ContextMenu menuFor(RootCell cell) {
        var reveal = new MenuItem(texts.getString("roots.menu.reveal"));
        reveal.setOnAction(e -> model.pathActions().reveal(path(cell)));
        var copy = new MenuItem(texts.getString("roots.menu.copy"));
        copy.setOnAction(e -> model.pathActions().copy(path(cell)));
        var rescan = new MenuItem(texts.getString("roots.menu.rescan"));
        rescan.setOnAction(e -> model.refresh());
        var remove = new MenuItem(texts.getString("roots.menu.remove"));
        remove.setOnAction(e -> model.removeRoot(cell.getItem()));
        var menu = new ContextMenu(reveal, copy, rescan, remove);
        menu.setOnShowing(e -> {
            boolean real = cell.getItem() != null && !cell.getItem().isAll();
            reveal.setDisable(!real);
            copy.setDisable(!real);
            remove.setDisable(!real || !model.isRemovable(cell.getItem()));
        });
        return menu;
    }

    private static Path path(RootCell cell) {
        return cell.getItem().root().path();
    }
}
