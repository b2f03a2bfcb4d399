package dev.modelkeeper.ui;

import dev.modelkeeper.ui.content.CacheContentView;
import dev.modelkeeper.ui.roots.RootsView;
import dev.modelkeeper.ui.theme.Icons;
import dev.modelkeeper.ui.theme.ThemeMenu;
import dev.modelkeeper.ui.theme.ThemeModel;
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
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

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
    private final ThemeModel themes;
    private ProgressBar progress;
    private Label status;
    private Button cancel;

    public MainView(MainViewModel model, Actions actions) {
        this(model, actions, null);
    }

    /** @param themes View → Theme's choices, or null for a window without that menu */
    public MainView(MainViewModel model, Actions actions, ThemeModel themes) {
        this.model = model;
        this.actions = actions;
        this.themes = themes;
        this.texts = model.texts();
        setId("main");
        layoutParts();
        bindToModel();
        getStylesheets().add(MainView.class.getResource("main.css").toExternalForm());
    }

    private void layoutParts() {
        setTop(new VBox(menuBar(), toolBar()));
        var roots = new RootsView(model.rootsViewModel(), model.moves(), actions::chooseMoveTarget);
        var content = new CacheContentView(model.content());
        content.setEmptyActions(actions::openDownload, actions::chooseFolder);
        if (model.health() != null) {
            content.addColumn(dev.modelkeeper.ui.health.OutdatedColumn.create(model.health().outdated(), texts));
            content.addUsagePane(new dev.modelkeeper.ui.health.HistoryChart(model.health().history(), texts));
            if (model.health().doctor() != null) {
                var doctor = model.health().doctor();
                var tab = new javafx.scene.control.Tab(null, new dev.modelkeeper.ui.health.DoctorView(doctor, texts));
                tab.setId("tab-health");
                tab.textProperty().bind(dev.modelkeeper.ui.health.DoctorView.title(doctor, texts));
                content.addTab(tab);
            }
        }
        if (model.team() != null) {
            content.addColumn(dev.modelkeeper.ui.team.TeamColumn.create(model.team(), texts));
        }
        var split = new SplitPane(roots, content);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(split.getItems().getFirst(), false);
        setCenter(split);
        setBottom(new VBox(jobs(), new dev.modelkeeper.ui.download.DownloadsView(model.downloads(), texts), statusBar()));
    }

    private MenuBar menuBar() {
        var add = Icons.on(item("menu.file.add", actions::chooseFolder), Material2AL.CREATE_NEW_FOLDER);
        add.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        var refresh = Icons.on(item("menu.file.refresh", model::refresh), Material2MZ.REFRESH);
        refresh.setAccelerator(KeyCombination.keyCombination("F5"));
        var quit = Icons.on(item("menu.file.quit", actions::quit), Material2AL.EXIT_TO_APP);
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        var download = Icons.on(item("menu.file.download", actions::openDownload), Material2AL.CLOUD_DOWNLOAD);
        download.setAccelerator(KeyCombination.keyCombination("Shortcut+D"));
        var settings = Icons.on(item("menu.file.settings", actions::openSettings), Material2MZ.SETTINGS);
        settings.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
        var verifyAll = Icons.on(item("menu.file.verify", model::verifyAll), Material2MZ.VERIFIED_USER);
        var cleanUp = Icons.on(item("menu.file.cleanUp", model.cleanup()::cleanUp), Material2AL.CLEANING_SERVICES);
        cleanUp.setId("menu-clean-up");
        var file = new Menu(texts.getString("menu.file"), null, download, add, refresh, verifyAll, cleanUp, settings,
                quit);
        if (model.health() != null) {
            var check = Icons.on(item("health.menu.check", model.health().outdated()::checkForUpdates),
                    Material2MZ.SYSTEM_UPDATE);
            check.setId("menu-check-updates");
            file.getItems().add(4, check);
        }
        if (model.manifests() != null) {
            var manifest = Icons.on(item("team.menu.openManifest", this::openManifest), Material2AL.DESCRIPTION);
            manifest.setId("menu-open-manifest");
            file.getItems().add(1, manifest);
        }
        var language = new Menu(texts.getString("menu.view.language"), null,
                item("menu.view.language.en", () -> actions.switchLanguage("en")),
                item("menu.view.language.zh", () -> actions.switchLanguage("zh-CN")));
        var view = new Menu(texts.getString("menu.view"), null, language);
        if (themes != null) {
            view.getItems().add(new ThemeMenu(themes, texts));
        }
        if (model.health() != null && model.health().metrics() != null) {
            view.getItems().add(serveMetrics(model.health().metrics()));
        }
        var help = new Menu(texts.getString("menu.help"), null,
                Icons.on(item("menu.help.about", actions::about), Material2AL.INFO));
        return new MenuBar(file, view, help);
    }

    /**
     * View → Serve metrics on 127.0.0.1:PORT: a check item that follows the server (a taken port leaves it off);
     * greyed while the server binds or closes its socket in the background.
     */
    private javafx.scene.control.CheckMenuItem serveMetrics(dev.modelkeeper.ui.health.MetricsServer server) {
        var item = new javafx.scene.control.CheckMenuItem(java.text.MessageFormat.format(
                texts.getString("health.metrics.serve"), dev.modelkeeper.ui.health.MetricsServer.BIND, server.port()));
        item.setId("menu-serve-metrics");
        item.setSelected(server.servingProperty().get());
        server.servingProperty().addListener((obs, was, is) -> item.setSelected(is));
        item.disableProperty().bind(server.busyProperty()); // the socket is bound or closed off the FX thread
        item.setOnAction(e -> {
            server.setServing(item.isSelected());
            item.setSelected(server.servingProperty().get());
        });
        return item;
    }

    private MenuItem item(String key, Runnable action) {
        var item = new MenuItem(texts.getString(key));
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        var refresh = button("refresh", "toolbar.refresh", Material2MZ.REFRESH, "F5", model::refresh);
        var add = button("add-folder", "toolbar.add", Material2AL.CREATE_NEW_FOLDER, "Shortcut+O", actions::chooseFolder);
        var download = button("download", "toolbar.download", Material2AL.CLOUD_DOWNLOAD, "Shortcut+D",
                actions::openDownload);
        download.getStyleClass().add("accent");
        var verify = button("verify-all", "toolbar.verify", Material2MZ.VERIFIED_USER, null, model::verifyAll);
        var repair = button("repair", "toolbar.repair", Material2AL.BUILD, null, () -> { });
        repair.disableProperty().bind(model.content().selectionProperty().isNull());
        repair.setOnAction(e -> model.repair(model.content().selectionProperty().get().repo()));
        var delete = button("delete", "toolbar.delete", Material2AL.DELETE, "Delete", () -> { });
        delete.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.cleanup().canDelete(model.content().selectionProperty().get()),
                model.content().selectionProperty()));
        delete.setOnAction(e -> model.cleanup().delete(model.content().selectionProperty().get()));
        var cleanUp = button("clean-up", "toolbar.cleanUp", Material2AL.CLEANING_SERVICES, null,
                model.cleanup()::cleanUp);
        var bar = new ToolBar(download, refresh, add, new javafx.scene.control.Separator(), verify, repair,
                new javafx.scene.control.Separator(), delete, cleanUp);
        if (model.health() != null) {
            var check = button("check-updates", "health.toolbar.check", Material2MZ.SYSTEM_UPDATE, null,
                    model.health().outdated()::checkForUpdates);
            check.disableProperty().bind(model.health().outdated().checkingProperty());
            bar.getItems().add(check);
        }
        return bar;
    }

    /** File → Open manifest: a modelkeeper.yaml made ready offline, then what to set to use it. */
    private void openManifest() {
        var chooser = new javafx.stage.FileChooser();
        chooser.setTitle(texts.getString("team.manifest.chooser"));
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("modelkeeper.yaml",
                "*.yaml", "*.yml"));
        var chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            model.manifests().open(chosen.toPath(),
                    report -> new dev.modelkeeper.ui.team.EnsureReportDialog(report, texts).show());
        }
    }

    /** A toolbar button with its icon, and a tooltip that names its keyboard shortcut. */
    private Button button(String id, String key, Ikon icon, String shortcut, Runnable action) {
        var b = Icons.on(new Button(texts.getString(key)), icon);
        b.setId(id);
        b.setOnAction(e -> action.run());
        String tip = texts.getString(key + ".tip");
        b.setTooltip(Icons.tip(tip, shortcut == null ? null : KeyCombination.keyCombination(shortcut).getDisplayText()));
        return b;
    }

    /** Running moves and verifications with progress, speed, time left and cancel; hidden when nothing runs. */
    private org.controlsfx.control.TaskProgressView<javafx.concurrent.Task<?>> jobs() {
        var view = new org.controlsfx.control.TaskProgressView<javafx.concurrent.Task<?>>();
        view.setId("jobs");
        Runnable sync = () -> {
            // downloads show in their own panel, with Pause, Resume and Cancel
            view.getTasks().setAll(model.tasks().filtered(t -> t instanceof FxOperationTask<?> f && f.isJob()
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
