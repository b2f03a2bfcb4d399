package dev.modelkeeper.ui;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.health.Machine;
import dev.modelkeeper.core.health.Machines;
import dev.modelkeeper.testing.CacheFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TabPane;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Health tab's cards and View → Serve metrics, in a window whose doctor reads a fixture machine. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class HealthTabTest {

    @TempDir
    Path dir;
    private AppContext context;

    private MainViewModel open(FxRobot robot, Map<String, String> variables, Machine machine) throws Exception {
        var all = new HashMap<>(variables);
        all.put("MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString());
        var env = new Environment(all, dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH, settings -> machine);
        var model = context.mainViewModel();
        robot.interact(() -> {
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions()), 1200, 760));
            stage.show();
            model.refresh();
        });
        // the doctor runs once after the first scan
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.health().doctor().doneProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }

    private static Path cache(Path hub) {
        var cache = new CacheFixture(hub);
        cache.model("org/small").file(commit(2), "config.json", "{}").ref("main", commit(2));
        return cache.dir();
    }

    private void showHealthTab(FxRobot robot) {
        robot.interact(() -> {
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            tabs.getTabs().stream().filter(t -> "tab-health".equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        if (context != null) {
            robot.interact(context::close);
        }
    }

    @Test
    void aTmpfsCacheAndAConflictingVariableShowAsCardsWhoseFixCanBeCopied(FxRobot robot) throws Exception {
        Path real = dir.toRealPath();
        Path hub = cache(real.resolve("hub"));
        Machine machine = Machines.withMounts(Machines.bare(), String.join("\n",
                "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw",
                "36 22 0:32 / " + hub + " rw,nosuid,nodev - tmpfs tmpfs rw,size=8g"));
        String other = real.resolve("tf").toString();
        open(robot, Map.of("HF_HUB_CACHE", hub.toString(), "TRANSFORMERS_CACHE", other), machine);
        showHealthTab(robot);

        List<String> sentences = robot.lookup(".health-sentence").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(sentences.stream().anyMatch(s -> s.startsWith(hub + " is on tmpfs, in memory")), sentences.toString());
        assertTrue(sentences.stream().anyMatch(s -> s.startsWith("TRANSFORMERS_CACHE=" + other + " differs from the hub")),
                sentences.toString());
        assertTrue(robot.lookup("#health-none").tryQuery().isEmpty());
        String tabTitle = robot.lookup(".tab-pane").queryAs(TabPane.class).getTabs().stream()
                .filter(t -> "tab-health".equals(t.getId())).findFirst().orElseThrow().getText();
        assertTrue(tabTitle.startsWith("Health ("), tabTitle);

        Label fix = robot.lookup("#health-card-env-transformers .health-fix").queryAs(Label.class);
        assertTrue(fix.getText().startsWith("Fix: Keep one cache: unset TRANSFORMERS_CACHE"), fix.getText());
        robot.clickOn("#health-copy-env-transformers");
        WaitForAsyncUtils.waitForFxEvents();
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertEquals(fix.getText().substring("Fix: ".length()), clip[0]);
    }

    /** A cache variable of this shell only: Apply writes it to the login environment, and the card goes. */
    @Test
    void applyWritesAShellOnlyVariableToTheLoginEnvironment(FxRobot robot) throws Exception {
        Path hub = cache(dir.resolve("hub"));
        var model = open(robot, Map.of("HF_HUB_CACHE", hub.toString()), Machines.bare());
        showHealthTab(robot);
        assertTrue(robot.lookup("#health-card-env-shellOnly").tryQuery().isPresent(),
                robot.lookup(".health-sentence").queryAllAs(Label.class).stream().map(Label::getText).toList().toString());

        robot.clickOn("#health-apply-env-shellOnly");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.health().doctor().runningProperty().get()
                && robot.lookup("#health-card-env-shellOnly").tryQuery().isEmpty());

        String conf = java.nio.file.Files.readString(dir.resolve("home/.config/environment.d/60-modelkeeper.conf"));
        assertTrue(conf.contains("HF_HUB_CACHE=" + hub), conf);
    }

    @Test
    void withoutProblemsTheTabSaysNothingToFix(FxRobot robot) throws Exception {
        cache(dir.resolve("home/.cache/huggingface/hub")); // the default cache: no variable, nothing to explain
        open(robot, Map.of(), Machines.bare());
        showHealthTab(robot);

        assertTrue(robot.lookup("#health-none").tryQuery().isPresent(),
                robot.lookup(".health-sentence").queryAllAs(Label.class).stream().map(Label::getText).toList()
                        .toString());
        assertTrue(robot.lookup(".health-sentence").queryAll().isEmpty());
        robot.clickOn("#health-run"); // runs again off the FX thread and still finds nothing
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !context.mainViewModel().health().doctor()
                .runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#health-none").tryQuery().isPresent());
    }

    @Test
    void servingMetricsAnswersOnTheLoopbackUntilTurnedOff(FxRobot robot) throws Exception {
        Path hub = cache(dir.resolve("hub"));
        var model = open(robot, Map.of("HF_HUB_CACHE", hub.toString()), Machines.bare());
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int chosen = port;
        robot.interact(() -> model.settingsViewModel().update(s -> s.withMetrics(new Settings.MetricsServing(false,
                chosen))));
        CheckMenuItem item = serveItem(robot);
        assertFalse(item.isSelected());

        toggle(robot, item, true);
        assertTrue(model.health().metrics().servingProperty().get());
        assertTrue(model.settings().metrics().on());
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        var get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        String body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(body.contains("modelkeeper_cache_repos"), body);

        toggle(robot, item, false);
        assertFalse(model.settings().metrics().on());
        assertThrows(IOException.class, () -> http.send(get, HttpResponse.BodyHandlers.ofString()));
    }

    private static CheckMenuItem serveItem(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "menu-serve-metrics".equals(i.getId())).map(CheckMenuItem.class::cast)
                .findFirst().orElseThrow();
    }

    private static void toggle(FxRobot robot, CheckMenuItem item, boolean on) throws TimeoutException {
        robot.interact(() -> {
            item.setSelected(on);
            item.fire();
        });
        // the socket is bound or closed on the I/O executor; the item is greyed until the FX thread hears back
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !item.isDisable());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
