package dev.modelkeeper.ui.content;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.Comparator;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;

/** The repo -> revision -> file table: columns, cells, lazy rows, sorting kept while rows arrive. */
final class ContentTable extends TreeTableView<ContentRow> {

    private final CacheContentViewModel model;
    private final ResourceBundle texts;
    private final TreeItem<ContentRow> top = new TreeItem<>();
    private Runnable download = () -> { };
    private Runnable addFolder = () -> { };

    ContentTable(CacheContentViewModel model) {
        this.model = model;
        this.texts = model.texts();
        setId("content-table");
        setRoot(top);
        setShowRoot(false);
        setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_NEXT_COLUMN);
        // minimum widths keep "Not verified", "46 seconds ago" and every header whole at a 1300 px window;
        // what may still be cut (names, refs, a partial size) has a tooltip with the whole text
        getColumns().setAll(java.util.List.of(nameColumn(), widths(textColumn("type", ContentRow::type, 72), 68),
                sizeColumn(), numberColumn(), refsColumn(), modifiedColumn(), statusColumn()));
        setPlaceholder(placeholder());
        setRowFactory(t -> row());
        setOnKeyPressed(this::actionKey);
        bind();
    }

    /** A key an action registered (Delete) does that action on the selected row. */
    private void actionKey(javafx.scene.input.KeyEvent e) {
        var selected = getSelectionModel().getSelectedItem();
        if (selected != null && RowActionItems.runForKey(model.rowActions(), selected.getValue(), e)) {
            e.consume();
        }
    }

    /** "No models here yet", "Refreshing…", or "No repo matches …" with a button that clears the filter. */
    private javafx.scene.Node placeholder() {
        var text = new javafx.scene.control.Label();
        text.setId("content-empty");
        text.setWrapText(true);
        text.textProperty().bind(model.emptyTextProperty());
        var clear = new javafx.scene.control.Button(texts.getString("content.filter.clear"));
        clear.setId("filter-clear");
        clear.setOnAction(e -> model.filterTextProperty().set(""));
        clear.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(model::isFiltering,
                model.filterTextProperty(), model.emptyTextProperty()));
        clear.managedProperty().bind(clear.visibleProperty());
        // no model at all: the two ways to get some
        var get = new javafx.scene.control.Button(texts.getString("content.empty.download"),
                dev.modelkeeper.ui.theme.Icons.of(org.kordamp.ikonli.material2.Material2AL.CLOUD_DOWNLOAD));
        get.setId("empty-download");
        get.getStyleClass().add("accent");
        get.setOnAction(e -> download.run());
        var add = new javafx.scene.control.Button(texts.getString("content.empty.add"),
                dev.modelkeeper.ui.theme.Icons.of(org.kordamp.ikonli.material2.Material2AL.CREATE_NEW_FOLDER));
        add.setId("empty-add-folder");
        add.setOnAction(e -> addFolder.run());
        var next = new javafx.scene.layout.HBox(8, get, add);
        next.setAlignment(javafx.geometry.Pos.CENTER);
        next.visibleProperty().bind(model.emptyTextProperty().isEqualTo(texts.getString("content.empty")));
        next.managedProperty().bind(next.visibleProperty());
        var box = new javafx.scene.layout.VBox(text, clear, next);
        box.getStyleClass().add("empty-state");
        return box;
    }

    /** What the buttons of the "no models here yet" state do. */
    void setEmptyActions(Runnable download, Runnable addFolder) {
        this.download = download;
        this.addFolder = addFolder;
    }

    private void bind() {
        model.visibleRepos().addListener((ListChangeListener<dev.modelkeeper.core.cache.Repo>) c -> {
            boolean onlyAdded = true;
            while (c.next()) {
                onlyAdded &= c.wasAdded() && !c.wasRemoved() && !c.wasReplaced() && !c.wasPermutated();
            }
            if (onlyAdded && c.getList().size() > top.getChildren().size()) {
                c.reset();
                while (c.next()) {
                    c.getAddedSubList().forEach(r -> top.getChildren().add(item(ContentRow.of(r))));
                }
            } else {
                top.getChildren().setAll(model.visibleRepos().stream().map(r -> item(ContentRow.of(r))).toList());
            }
            if (!getSortOrder().isEmpty()) {
                sort();
            }
        });
        model.verify().changes().addListener((obs, old, now) -> refresh());
        // a view built anew (a language switch) shows what the model holds and what was selected
        ContentRow selected = model.selectionProperty().get();
        top.getChildren().setAll(model.visibleRepos().stream().map(r -> item(ContentRow.of(r))).toList());
        getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
                model.selectionProperty().set(item == null ? null : item.getValue()));
        if (selected != null) {
            top.getChildren().stream().filter(i -> i.getValue().repo().equals(selected.repo())).findFirst()
                    .ifPresent(getSelectionModel()::select);
        }
    }

    private TreeItem<ContentRow> item(ContentRow row) {
        return new ContentTreeItem(row, this::currentOrder);
    }

    private Comparator<TreeItem<ContentRow>> currentOrder() {
        return getSortOrder().isEmpty() ? null : getComparator();
    }

    private TreeTableColumn<ContentRow, String> nameColumn() {
        var c = widths(textColumn("name", ContentRow::name, 230), 150);
        c.setId("col-name");
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                ContentRow row = empty ? null : getTableRow().getItem();
                setText(row == null ? null : name);
                setTooltip(row == null ? null : new Tooltip(name));
                setGraphic(row == null ? null : dev.modelkeeper.ui.theme.Icons.of(ContentIcons.of(row), "type-icon",
                        ContentIcons.styleClass(row)));
            }
        });
        return c;
    }

    private TreeTableColumn<ContentRow, String> textColumn(String key, Function<ContentRow, String> value,
                                                           double width) {
        var c = new TreeTableColumn<ContentRow, String>(texts.getString("content.col." + key));
        c.setId("col-" + key);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue().getValue())));
        return c;
    }

    private TreeTableColumn<ContentRow, Long> sizeColumn() {
        var c = new TreeTableColumn<ContentRow, Long>(texts.getString("content.col.size"));
        c.setId("col-size");
        widths(c, 80).setPrefWidth(115); // room for "12.4 kB (+3.0 MB)"; cut, it has a tooltip
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().getValue().size()));
        c.setCellFactory(col -> {
            var cell = new TreeTableCell<ContentRow, Long>() {
                @Override
                protected void updateItem(Long v, boolean empty) {
                    super.updateItem(v, empty);
                    ContentRow row = getTableRow() == null ? null : getTableRow().getItem();
                    long partial = row != null && row.isRepo() ? row.repo().partialBytes() : 0;
                    setText(empty || v == null ? null : partial == 0 ? Formats.size(v)
                            : MessageFormat.format(texts.getString("content.size.partial"), Formats.size(v),
                                    Formats.size(partial)));
                    setTooltip(partial == 0 ? null : new javafx.scene.control.Tooltip(MessageFormat.format(
                            texts.getString("content.size.partial.tip"), Formats.size(partial))));
                }
            };
            cell.getStyleClass().add("numeric");
            return cell;
        });
        return c;
    }

    private TreeTableColumn<ContentRow, Integer> numberColumn() {
        var c = new TreeTableColumn<ContentRow, Integer>(texts.getString("content.col.files"));
        c.setId("col-files");
        widths(c, 62).setPrefWidth(62); // the header ("Files", "文件数") and its sort arrow
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().getValue().files()));
        c.setCellFactory(col -> cell(String::valueOf, "numeric"));
        return c;
    }

    private TreeTableColumn<ContentRow, Instant> modifiedColumn() {
        var c = new TreeTableColumn<ContentRow, Instant>(texts.getString("content.col.modified"));
        c.setId("col-modified");
        widths(c, 115).setPrefWidth(120); // "46 seconds ago"
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().getValue().modified()));
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Instant t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : Formats.age(t, model.clock().instant(), texts));
                setTooltip(empty || t == null ? null : new Tooltip(Formats.dateTime(t, texts.getLocale())));
            }
        });
        return c;
    }

    private TreeTableColumn<ContentRow, ContentStatus> statusColumn() {
        var c = new TreeTableColumn<ContentRow, ContentStatus>(texts.getString("content.col.status"));
        c.setId("col-status");
        widths(c, 118).setPrefWidth(125); // the icon and "Not verified" without an ellipsis
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(model.verify().statusOf(f.getValue().getValue())));
        c.setCellFactory(col -> new StatusCell(model));
        model.downloading().addListener((javafx.collections.MapChangeListener<Object, Object>) ch -> refresh());
        return c;
    }

    /** "main, refs/pr/1, v2": the cell is narrow, the tooltip has them all. */
    private TreeTableColumn<ContentRow, String> refsColumn() {
        var c = widths(textColumn("refs", ContentRow::refs, 80), 60);
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String refs, boolean empty) {
                super.updateItem(refs, empty);
                setText(empty ? null : refs);
                setTooltip(empty || refs == null || refs.isEmpty() ? null : new Tooltip(refs));
            }
        });
        return c;
    }

    private static <S, T> TreeTableColumn<S, T> widths(TreeTableColumn<S, T> column, double min) {
        column.setMinWidth(min);
        return column;
    }

    private <T> TreeTableCell<ContentRow, T> cell(Function<T, String> format, String styleClass) {
        var cell = new TreeTableCell<ContentRow, T>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : format.apply(v));
            }
        };
        cell.getStyleClass().add(styleClass);
        return cell;
    }

    private TreeTableRow<ContentRow> row() {
        var row = new TreeTableRow<ContentRow>();
        // JavaFX's row skin takes the arrow off a leaf row and puts it back only in a later layout; a row reused
        // for a repo with revisions but the same texts (a rescan, a filter cleared) is not laid out again, so it
        // stayed without its arrow (#13): a new tree item always lays the row out
        row.treeItemProperty().addListener((obs, old, item) -> row.requestLayout());
        var reveal = new MenuItem(texts.getString("content.action.reveal"));
        reveal.setOnAction(e -> model.pathActions().reveal(row.getItem().path()));
        var copy = new MenuItem(texts.getString("content.action.copy"));
        copy.setOnAction(e -> model.pathActions().copy(row.getItem().path()));
        var menu = new ContextMenu(reveal, copy); // a menu without items would not open at all
        // built as it opens, from the actions the features added, so each one can judge this row
        menu.setOnShowing(e -> menu.getItems().setAll(menuItems(row.getItem(), reveal, copy)));
        row.emptyProperty().addListener((obs, was, empty) -> row.setContextMenu(empty ? null : menu));
        // a repo row can be dragged onto a disk under the sidebar, to keep cold models on another drive
        row.setOnDragDetected(e -> {
            if (row.getItem() != null && row.getItem().isRepo()) {
                var board = row.startDragAndDrop(javafx.scene.input.TransferMode.MOVE);
                var content = new javafx.scene.input.ClipboardContent();
                content.putFiles(java.util.List.of(row.getItem().repo().repoPath().toFile()));
                board.setContent(content);
                e.consume();
            }
        });
        return row;
    }

    private java.util.List<MenuItem> menuItems(ContentRow row, MenuItem reveal, MenuItem copy) {
        var items = new java.util.ArrayList<>(RowActionItems.of(model.rowActions(), row, "row-", texts));
        if (!items.isEmpty()) {
            items.add(new javafx.scene.control.SeparatorMenuItem());
        }
        items.add(reveal);
        items.add(copy);
        return items;
    }

    /** Selects a repo, revision or file row, expanding what leads to it, and scrolls to it. */
    void select(ContentRow target) {
        if (!model.visibleRepos().contains(target.repo())) {
            model.filterTextProperty().set(""); // the filter hid it
        }
        for (var repoItem : top.getChildren()) {
            if (repoItem.getValue().repo().equals(target.repo())) {
                TreeItem<ContentRow> item = repoItem;
                if (target.revision() != null) {
                    repoItem.setExpanded(true);
                    item = child(repoItem, r -> r.revision().commitHash().equals(target.revision().commitHash()));
                    if (target.file() != null && item != repoItem) {
                        item.setExpanded(true);
                        item = child(item, r -> r.file() != null && r.file().filePath().equals(target.file().filePath()));
                    }
                }
                getSelectionModel().select(item);
                scrollTo(Math.max(0, getRow(item) - 2));
                requestFocus();
                return;
            }
        }
    }

    private static TreeItem<ContentRow> child(TreeItem<ContentRow> parent,
                                              java.util.function.Predicate<ContentRow> which) {
        return parent.getChildren().stream().filter(i -> which.test(i.getValue())).findFirst().orElse(parent);
    }

    /** Selects the row of a repo (used by the treemap). */
    void selectRepo(dev.modelkeeper.core.cache.Repo repo) {
        for (var item : top.getChildren()) {
            if (item.getValue().repo().equals(repo)) {
                getSelectionModel().select(item);
                scrollTo(getRow(item));
                return;
            }
        }
    }
}
