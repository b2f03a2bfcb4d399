package dev.modelkeeper.ui;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

/** The JavaFX application: builds the composition root and shows the main window. */
public final class ModelKeeperApp extends Application {

    private AppContext context;
    private Stage stage;

    public static void main(String[] args) {
        launch(ModelKeeperApp.class, args);
    }

    @Override
    public void init() {
        StartupTiming.mark("init");
        context = AppContext.create(Environment.system()); // runs on the launcher thread: reading settings is fine
        StartupTiming.mark("context ready");
    }

    @Override
    public void start(Stage primary) {
        StartupTiming.mark("start");
        this.stage = primary;
        UncaughtErrors.install((t, e) -> context.dialogs().unexpected(e));
        var model = context.mainViewModel();
        context.themes().install(); // before the scene: its first frame is already in the chosen colours
        var view = new MainView(model, new WindowActions(), context.themes());
        Settings.WindowBounds b = model.settings().window();
        var scene = new Scene(view, b != null ? b.width() : 1280, b != null ? b.height() : 800);
        // until the first frame is drawn the window shows its fill: the theme's background, never black
        scene.setFill(background(context.themes().isDark()));
        view.applyCss(); // styles and layout now, so the first pulse after show() only paints
        view.layout();
        StartupTiming.mark("view built");
        stage.setScene(scene);
        if (b != null) {
            stage.setX(b.x());
            stage.setY(b.y());
            stage.setMaximized(b.maximized());
        }
        stage.setTitle("ModelKeeper");
        icons().forEach(stage.getIcons()::add);
        context.dialogs().owner(stage);
        stage.setOnCloseRequest(e -> {
            if (!model.confirmQuit()) {
                e.consume(); // "Keep running"
                return;
            }
            saveBounds();
        });
        stage.show();
        StartupTiming.mark("shown");
        new JobNotifications(model.tasks(), context.texts(), stage::isFocused,
                () -> model.content().verify().problems().countProperty().get(), model.downloads()::owns,
                (title, text) -> org.controlsfx.control.Notifications.create().owner(stage).title(title).text(text)
                        .showInformation());
        if (StartupTiming.enabled()) {
            StartupTiming.report(model);
        }
        // the scan (disk work on its threads, rows streaming in on this one) starts once the window is painted
        StartupTiming.afterFirstFrame(model::refresh);
    }

    /**
     * Shows the window in another language at once: the texts switch, the features render again what they had
     * rendered, and the scene gets a new view of the same view models (selection, filter, jobs and downloads are
     * theirs, so they stay).
     */
    void relocalize(java.util.Locale locale) {
        context.switchLanguage(locale);
        stage.getScene().setRoot(new MainView(context.mainViewModel(), new WindowActions(), context.themes()));
    }

    /** Primer's {@code -color-bg-default}, light or dark. */
    private static javafx.scene.paint.Color background(boolean dark) {
        return dark ? javafx.scene.paint.Color.web("#0d1117") : javafx.scene.paint.Color.WHITE;
    }

    private static Stream<Image> icons() {
        return Stream.of(16, 32, 48, 64, 128, 256).map(n -> {
            InputStream in = ModelKeeperApp.class.getResourceAsStream("icons/modelkeeper-" + n + ".png");
            return in == null ? null : new Image(in);
        }).filter(java.util.Objects::nonNull);
    }

    private void saveBounds() {
        var bounds = new Settings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized());
        context.mainViewModel().settingsViewModel().update(s -> s.withWindow(bounds));
    }

    @Override
    public void stop() {
        context.close();
    }

    /** What the menus ask of the window. */
    private final class WindowActions implements MainView.Actions {
        @Override
        public void chooseFolder() {
            var chooser = new DirectoryChooser();
            chooser.setTitle(context.texts().getString("chooser.title"));
            var dir = chooser.showDialog(stage);
            if (dir != null) {
                context.mainViewModel().rootsViewModel().addRoots(java.util.List.of(dir.toPath()));
            }
        }

        @Override
        public void chooseMoveTarget() {
            var chooser = new DirectoryChooser();
            chooser.setTitle(context.texts().getString("move.chooser.title"));
            var dir = chooser.showDialog(stage);
            if (dir != null) {
                context.mainViewModel().moves().addTarget(dir.toPath());
            }
        }

        @Override
        public void openDownload() {
            var form = context.mainViewModel().newDownload();
            new dev.modelkeeper.ui.download.DownloadDialog(form, context.texts()).showAndWait()
                    .ifPresent(context.mainViewModel()::startDownload);
        }

        @Override
        public void openSettings() {
            var model = context.mainViewModel().settingsViewModel();
            String envEndpoint = System.getenv("HF_ENDPOINT");
            var dialog = new dev.modelkeeper.ui.settings.SettingsDialog(model.settings().hub(), model.hasStoredToken(),
                    envEndpoint == null || envEndpoint.isBlank() ? null : envEndpoint, context.texts());
            dialog.addSection(new dev.modelkeeper.ui.settings.ProfilesSection(context.profiles()));
            var team = context.mainViewModel().team();
            var section = team == null ? null : new dev.modelkeeper.ui.team.TeamStoreSection(team);
            if (section != null) {
                dialog.addSection(section);
            }
            dialog.showAndWait().ifPresent(r -> {
                model.saveHubSettings(r.hub(), r.token());
                if (section != null) {
                    section.save();
                }
            });
        }

        @Override
        public void switchLanguage(String tag) {
            context.mainViewModel().settingsViewModel().update(s -> s.withLanguage(tag));
            relocalize(java.util.Locale.forLanguageTag(tag));
        }

        @Override
        public void about() {
            context.dialogs().info(MessageFormat.format(context.texts().getString("about.text"),
                    String.valueOf(ModelKeeperApp.class.getPackage().getImplementationVersion())));
        }

        @Override
        public void quit() {
            if (!context.mainViewModel().confirmQuit()) {
                return;
            }
            saveBounds();
            Platform.exit();
        }
    }
}
