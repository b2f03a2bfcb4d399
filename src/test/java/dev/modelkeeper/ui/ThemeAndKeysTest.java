package dev.modelkeeper.ui;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.ui.theme.Theme;
import dev.modelkeeper.ui.theme.ThemeModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Light and dark themes, the remembered choice, the keyboard shortcuts and the empty states. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ThemeAndKeysTest {

    private static final Pattern INLINE_COLOUR = Pattern.compile(
            "-fx-[a-z-]*(color|fill)\\s*:\\s*(#|rgb|hsb|[a-z]+\\s*;|[a-z]+$)", Pattern.CASE_INSENSITIVE);

    @TempDir
    Path dir;
    private AppContext context;
    private final AtomicInteger downloads = new AtomicInteger();
    private final AtomicInteger settings = new AtomicInteger();
    private final AtomicInteger folders = new AtomicInteger();

    private MainViewModel open(FxRobot robot, boolean withModels) throws Exception {
        Path hub = dir.resolve("hub");
        if (withModels) {
            new CacheFixture(hub).model("org/one").file(commit(1), "config.json", "{}").ref("main", commit(1));
        }
        var env = new Environment(Map.of("HF_HUB_CACHE", hub.toString(), "MODELKEEPER_CONFIG_DIR",
                dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
        var model = context.mainViewModel();
        robot.interact(() -> {
            context.themes().install();
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new CountingActions(), context.themes()), 1100, 700));
            stage.show();
            model.refresh();
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.roots().isEmpty()
                && model.roots().stream().skip(1).allMatch(i -> i.scanProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }

    @AfterEach
    void close(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        robot.interact(() -> javafx.application.Application.setUserAgentStylesheet(null));
        if (context != null) {
            context.close();
        }
    }

    @Test
    void bothThemesRenderEveryViewWithoutInlineColoursAndTheChoiceIsRemembered(FxRobot robot) throws Exception {
        open(robot, true);
        ThemeModel themes = context.themes();
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            robot.interact(() -> themeItem(robot, theme).fire()); // View → Theme → Light / Dark
            assertEquals(theme == Theme.DARK, themes.isDark());
            for (String tab : List.of("tab-usage", "tab-problems", "tab-files")) {
                robot.interact(() -> {
                    var pane = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
                    pane.getTabs().stream().filter(t -> tab.equals(t.getId())).findFirst()
                            .ifPresent(pane.getSelectionModel()::select);
                });
                WaitForAsyncUtils.waitForFxEvents();
                var offenders = new ArrayList<String>();
                robot.interact(() -> walk(robot.lookup("#main").query(), offenders));
                assertEquals(List.of(), offenders, theme + " " + tab + ": no inline hard-coded colour");
            }
            assertTrue(robot.lookup("#content-table").tryQuery().isPresent(), "the tree renders in " + theme);
            assertTrue(robot.lookup(".root-card").tryQuery().isPresent(), "the sidebar cards render in " + theme);
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () ->
                "dark".equals(new SettingsStore(dir.resolve("cfg/settings.json")).load().theme()));
    }

    private static javafx.scene.control.MenuItem themeItem(FxRobot robot, Theme theme) {
        var bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "menu-theme".equals(i.getId())).map(i -> (javafx.scene.control.Menu) i)
                .flatMap(m -> m.getItems().stream()).filter(i -> ("theme-" + theme.key()).equals(i.getId()))
                .findFirst().orElseThrow();
    }

    private static void walk(Node node, List<String> offenders) {
        String style = node.getStyle();
        if (style != null && INLINE_COLOUR.matcher(style).find()) {
            offenders.add(node + " style=" + style);
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> walk(c, offenders));
        }
    }

    /** #13: unfocused (after Verify all took the focus), the accent Download button was white text on grey. */
    @Test
    void theAccentDownloadButtonKeepsItsBackgroundWithoutTheFocus(FxRobot robot) throws Exception {
        open(robot, true);
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            robot.interact(() -> themeItem(robot, theme).fire());
            robot.interact(() -> robot.lookup("#verify-all").query().requestFocus());
            WaitForAsyncUtils.waitForFxEvents();
            var download = robot.lookup("#download").queryAs(javafx.scene.control.Button.class);
            assertTrue(!download.isFocused());
            robot.interact(download::applyCss);
            var fills = download.getBackground().getFills();
            var bg = (javafx.scene.paint.Color) fills.getLast().getFill();
            var text = (javafx.scene.paint.Color) download.getTextFill();
            var bar = robot.lookup(".tool-bar").queryAs(javafx.scene.control.ToolBar.class);
            assertTrue(Math.abs(luminance(bg) - luminance(text)) > 0.3,
                    theme + ": text " + text + " stands out on " + bg);
            assertTrue(bg.getSaturation() > 0.4, theme + ": the accent colour, not the toolbar's grey: " + bg
                    + " in " + bar);
        }
    }

    private static double luminance(javafx.scene.paint.Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void keyboardShortcutsDoTheirJobs(FxRobot robot) throws Exception {
        var model = open(robot, true);
        robot.clickOn("#content-table");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TextField filter = robot.lookup("#filter").queryAs(TextField.class);
        assertTrue(filter.isFocused(), "Ctrl+F focuses the filter");
        robot.write("zzz");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("zzz", filter.getText());
        robot.type(KeyCode.ESCAPE);
        assertEquals("", filter.getText(), "Esc clears the filter");

        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, downloads.get(), "Ctrl+D opens the download form");
        assertEquals(1, settings.get(), "Ctrl+, opens the settings");

        var scans = new AtomicInteger();
        robot.interact(() -> model.scanningProperty().addListener((o, was, now) -> {
            if (now) {
                scans.incrementAndGet();
            }
        }));
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> scans.get() > 0 && !model.scanningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        TreeTableView<Object> table = robot.lookup("#content-table").queryAs(TreeTableView.class);
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(0);
        });
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#details").query().isFocused(), "Enter opens the details");

        var tip = robot.lookup("#refresh").queryAs(javafx.scene.control.Button.class).getTooltip().getText();
        assertTrue(tip.contains("F5"), "the tooltip names the shortcut: " + tip);
    }

    @Test
    void emptyStatesSaySoAndTheirButtonsWork(FxRobot robot) throws Exception {
        open(robot, false);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#empty-download").tryQuery()
                .map(Node::isVisible).orElse(false));
        robot.clickOn("#empty-download");
        robot.clickOn("#empty-add-folder");
        assertEquals(1, downloads.get(), "Download a model opens the form");
        assertEquals(1, folders.get(), "Add a folder opens the chooser");

        UiTestSupport.closeWindows(robot);
        context.close();
        open(robot, true);
        robot.interact(() -> robot.lookup("#filter").queryAs(TextField.class).setText("size>1G"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#content-empty").queryAs(Label.class).getText().contains("size>1G"));
        robot.clickOn("#filter-clear");
        assertEquals("", robot.lookup("#filter").queryAs(TextField.class).getText(), "Clear empties the filter");

        robot.interact(() -> {
            var pane = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
            pane.getSelectionModel().select(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        var none = robot.lookup("#findings-none").tryQuery();
        assertTrue(none.isPresent() && none.get().isVisible(), "no problem: the Nothing broken state");
        assertFalse(robot.lookup("#findings .finding-card").tryQuery().isPresent());
    }

    private final class CountingActions implements MainView.Actions {
        @Override
        public void chooseFolder() {
            folders.incrementAndGet();
        }

        @Override
        public void openDownload() {
            downloads.incrementAndGet();
        }

        @Override
        public void openSettings() {
            settings.incrementAndGet();
        }

        @Override
        public void switchLanguage(String tag) {
        }

        @Override
        public void about() {
        }

        @Override
        public void quit() {
        }
    }
}
