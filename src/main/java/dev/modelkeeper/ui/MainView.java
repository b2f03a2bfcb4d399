package dev.modelkeeper.ui;

import dev.modelkeeper.ui.content.CacheContentView;
import dev.modelkeeper.ui.roots.RootsView;
import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The main window: menus and toolbar, the roots sidebar, the cache content, and a status bar. */
public final class MainView extends BorderPane {

    /** Window-level actions the view cannot do itself (choosers, language, quit). */
    public interface Actions {
        void chooseFolder();

        /** A folder (any, not only a disk's top) to drop caches on, for moving them there. */
        default void chooseMoveTarget() {
        }

        void openDownload();

        void openSettings();

        void switchLanguage(String tag);

        void about();

        void quit();
    }

    private final MainViewModel model;
    private final Actions actions;
    private final ResourceBundle texts;
    private ProgressBar progress;
    private Label status;
    private Button cancel;

    public MainView(MainViewModel model, Actions actions) {
        this.model = model;
        this.actions = actions;
        this.texts = model.texts();
        setId("main");
        layoutParts();
        bindToModel();
        getStylesheets().add(MainView.class.getResource("main.css").toExternalForm());
    }

    private void layoutParts() {
        setTop(new VBox(menuBar(), toolBar()));
        var roots = new RootsView(model.rootsViewModel(), model.moves(), actions::chooseMoveTarget);
        var split = new SplitPane(roots, new CacheContentView(model.content()));
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(split.getItems().getFirst(), false);
        setCenter(split);
        setBottom(new VBox(jobs(), new dev.modelkeeper.ui.download.DownloadsView(model.downloads(), texts), statusBar()));
    }

    private MenuBar menuBar() {
        var add = item("menu.file.add", actions::chooseFolder);
        add.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        var refresh = item("menu.file.refresh", model::refresh);
        refresh.setAccelerator(KeyCombination.keyCombination("F5"));
        var quit = item("menu.file.quit", actions::quit);
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        var download = item("menu.file.download", actions::openDownload);
        download.setAccelerator(KeyCombination.keyCombination("Shortcut+D"));
        var settings = item("menu.file.settings", actions::openSettings);
        var verifyAll = item("menu.file.verify", model::verifyAll);
        var file = new Menu(texts.getString("menu.file"), null, download, add, refresh, verifyAll, settings, quit);
        var language = new Menu(texts.getString("menu.view.language"), null,
                item("menu.view.language.en", () -> actions.switchLanguage("en")),
                item("menu.view.language.zh", () -> actions.switchLanguage("zh-CN")));
        var view = new Menu(texts.getString("menu.view"), null, language);
        var help = new Menu(texts.getString("menu.help"), null, item("menu.help.about", actions::about));
        return new MenuBar(file, view, help);
    }

    private MenuItem item(String key, Runnable action) {
        var item = new MenuItem(texts.getString(key));
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        var refresh = new Button(texts.getString("toolbar.refresh"));
        refresh.setId("refresh");
        refresh.setOnAction(e -> model.refresh());
        var add = new Button(texts.getString("toolbar.add"));
        add.setId("add-folder");
        add.setOnAction(e -> actions.chooseFolder());
        var download = new Button(texts.getString("toolbar.download"));
        download.setId("download");
        download.setOnAction(e -> actions.openDownload());
        var verify = new Button(texts.getString("toolbar.verify"));
        verify.setId("verify-all");
        verify.setOnAction(e -> model.verifyAll());
        var repair = new Button(texts.getString("toolbar.repair"));
        repair.setId("repair");
        repair.disableProperty().bind(model.content().selectionProperty().isNull());
        repair.setOnAction(e -> model.repair(model.content().selectionProperty().get().repo()));
        return new ToolBar(download, refresh, add, new javafx.scene.control.Separator(), verify, repair);
    }

    /** Running moves and verifications with progress, speed, time left and cancel; hidden when nothing runs. */
    private org.controlsfx.control.TaskProgressView<javafx.concurrent.Task<?>> jobs() {
        var view = new org.controlsfx.control.TaskProgressView<javafx.concurrent.Task<?>>();
        view.setId("jobs");
        Runnable sync = () -> {
            // downloads show in their own panel, with Pause, Resume and Cancel
            view.getTasks().setAll(model.tasks().filtered(t -> t instanceof FxOperationTask<?> f && f.isTransfer()
                    && !model.downloads().owns(t)));
            view.setVisible(!view.getTasks().isEmpty());
            view.setManaged(view.isVisible());
        };
        model.tasks().addListener((javafx.collections.ListChangeListener<javafx.concurrent.Task<?>>) c -> sync.run());
        sync.run(); // a view built anew (a language switch) shows the jobs already running
        view.setPrefHeight(130);
        return view;
    }

    private HBox statusBar() {
        progress = new ProgressBar();
        progress.setPrefWidth(160);
        status = new Label();
        status.setId("status");
        cancel = new Button(texts.getString("status.cancel"));
        cancel.setOnAction(e -> model.rootsViewModel().cancelScan());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(10, status, spacer, progress, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void bindToModel() {
        status.textProperty().bind(model.rootsViewModel().statusProperty());
        progress.visibleProperty().bind(model.scanningProperty());
        cancel.visibleProperty().bind(model.scanningProperty());
        Runnable follow = () -> {
            progress.progressProperty().unbind();
            if (!model.tasks().isEmpty()) {
                progress.progressProperty().bind(model.tasks().getLast().progressProperty());
            }
        };
        model.tasks().addListener((javafx.collections.ListChangeListener<javafx.concurrent.Task<?>>) c -> follow.run());
        follow.run();
    }
}
