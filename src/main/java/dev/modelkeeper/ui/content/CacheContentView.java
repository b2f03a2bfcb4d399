package dev.modelkeeper.ui.content;

import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.controlsfx.control.textfield.TextFields;

/** The centre of the main window: filter field, tree table with details, and the usage treemap. */
public final class CacheContentView extends BorderPane {

    private final CacheContentViewModel model;
    private final ResourceBundle texts;
    private TextField filter;
    private Label count;
    private ContentTable table;
    private DetailsPane details;
    private TreemapView treemap;
    private javafx.scene.layout.BorderPane usagePane;
    private FindingsView findings;
    private TabPane tabs;
    private SplitPane split;

    public CacheContentView(CacheContentViewModel model) {
        this.model = model;
        this.texts = model.texts();
        createParts();
        layoutParts();
        bindToModel();
        getStylesheets().add(CacheContentView.class.getResource("content.css").toExternalForm());
    }

    private void createParts() {
        filter = TextFields.createClearableTextField();
        filter.setId("filter");
        filter.setPromptText(texts.getString("content.filter.prompt"));
        filter.setTooltip(new javafx.scene.control.Tooltip(texts.getString("content.filter.tip")));
        count = new Label();
        count.setId("count");
        table = new ContentTable(model);
        details = new DetailsPane(model);
        findings = new FindingsView(model, model.locale(), row -> {
            tabs.getSelectionModel().selectFirst();
            table.select(row);
        });
        treemap = new TreemapView(model, repo -> {
            tabs.getSelectionModel().selectFirst();
            table.selectRepo(repo);
        });
    }

    private void layoutParts() {
        var bar = new HBox(10, filter, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        HBox.setHgrow(filter, Priority.ALWAYS);
        split = new SplitPane(table, details);
        split.setDividerPositions(0.74);
        var files = new Tab(texts.getString("content.tab.files"), split);
        files.setId("tab-files");
        usagePane = new javafx.scene.layout.BorderPane(treemap, null, null, legend(), null);
        var usage = new Tab(texts.getString("content.tab.usage"), usagePane);
        usage.setId("tab-usage");
        var problems = new Tab(texts.getString("content.tab.problems"), findings);
        problems.setId("tab-problems");
        problems.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                java.text.MessageFormat.format(texts.getString("content.tab.problemsCount"),
                        model.verify().problems().countProperty().get()), model.verify().problems().countProperty()));
        tabs = new TabPane(files, usage, problems);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setTop(bar);
        setCenter(tabs);
    }

    /** The treemap's colours, one swatch per kind of repo, in the theme's colours the tiles use. */
    private HBox legend() {
        var legend = new HBox(14);
        legend.setId("treemap-legend");
        legend.getStyleClass().add("treemap-legend");
        legend.setPadding(new Insets(6, 8, 6, 8));
        legend.setAlignment(Pos.CENTER_LEFT);
        for (String type : java.util.List.of("model", "dataset", "space", "checkpoint")) {
            var swatch = new javafx.scene.layout.Region();
            swatch.getStyleClass().addAll("treemap-swatch", "treemap-" + type);
            var item = new javafx.scene.control.Label(texts.getString("usage.legend." + type), swatch);
            item.setId("legend-" + type);
            legend.getChildren().add(item);
        }
        return legend;
    }

    /** Adds a column a feature shows (before the status column's right neighbours: at the end). */
    public void addColumn(javafx.scene.control.TreeTableColumn<ContentRow, ?> column) {
        table.getColumns().add(column);
    }

    /** Puts a feature's pane beside the usage treemap (the size history). */
    public void addUsagePane(javafx.scene.Node pane) {
        var usage = tabs.getTabs().stream().filter(t -> "tab-usage".equals(t.getId())).findFirst().orElseThrow();
        var side = new SplitPane(usagePane, pane);
        side.setDividerPositions(0.6);
        usage.setContent(side);
    }

    /** Adds a feature's tab after Problems (the doctor's Health tab). */
    public void addTab(Tab tab) {
        tabs.getTabs().add(tab);
    }

    /** What "Download a model" and "Add a folder" do when no cache has a model. */
    public void setEmptyActions(Runnable download, Runnable addFolder) {
        table.setEmptyActions(download, addFolder);
    }

    private void bindToModel() {
        filter.textProperty().bindBidirectional(model.filterTextProperty());
        // Ctrl+F (Cmd+F) goes to the filter from anywhere in the window; Escape there clears it
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("Shortcut+F"), () -> {
                    tabs.getSelectionModel().selectFirst();
                    filter.requestFocus();
                    filter.selectAll();
                });
            }
        });
        filter.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !filter.getText().isEmpty()) {
                filter.clear();
                e.consume();
            }
        });
        count.textProperty().bind(model.countTextProperty());
        // Enter on a row shows its details: the pane comes back if it was dragged shut, and takes the focus
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && model.selectionProperty().get() != null) {
                if (split.getDividerPositions()[0] > 0.9) {
                    split.setDividerPositions(0.74);
                }
                details.requestFocus();
                e.consume();
            }
        });
    }
}
