package dev.modelkeeper.ui;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.env.Thresholds;
import dev.modelkeeper.core.team.SavedStore;
import dev.modelkeeper.core.update.FileChange;
import dev.modelkeeper.core.update.RefCheck;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.ui.health.ThresholdAlerts;
import dev.modelkeeper.ui.roots.RootItemViewModel;
import dev.modelkeeper.ui.team.TeamStoreSection;
import dev.modelkeeper.ui.team.TeamViewModel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.chart.AreaChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class HealthAndTeamFlowTest {

    @TempDir
    Path dir;
    private AppContext context;

    private Path fixtureCache() {
        var cache = new CacheFixture(dir.resolve("hub"));
        cache.model("org/big").lfsFile(commit(1), "w.bin", new byte[50_000]).ref("main", commit(1));
        cache.model("org/small").file(commit(2), "config.json", "{}").ref("main", commit(2));
        cache.repo(RepoType.DATASET, "org/data").file(commit(3), "a.csv", "1,2").ref("main", commit(3));
        return cache.dir();
    }

    private MainViewModel open(FxRobot robot, Path hub) throws Exception {
        var env = new Environment(Map.of("HF_HUB_CACHE", hub.toString(), "MODELKEEPER_CONFIG_DIR",
                dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
        var model = context.mainViewModel();
        robot.interact(() -> {
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions()), 1200, 760));
            stage.show();
            model.refresh();
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.roots().size() > 1
                && model.roots().stream().skip(1).allMatch(i -> i.scanProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }

    @AfterEach
    void close(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        if (context != null) {
            context.close();
        }
    }

    @Test
    void outdatedRepoShowsInItsColumnAndTheOutdatedFilterKeepsOnlyIt(FxRobot robot) throws Exception {
        Path hub = fixtureCache();
        var model = open(robot, hub);
        var change = new FileChange("w.bin", FileChange.Kind.CHANGED, "a", "b", 50_000, 50_000);
        robot.interact(() -> model.health().outdated().apply(hub, List.of(
                new RefCheck(RepoType.MODEL, "org/big", "main", commit(1), commit(9), RefCheck.State.OUTDATED,
                        List.of(change), Instant.now(), null),
                new RefCheck(RepoType.MODEL, "org/small", "main", commit(2), commit(2), RefCheck.State.UP_TO_DATE,
                        List.of(), Instant.now(), null))));
        WaitForAsyncUtils.waitForFxEvents();

        TreeTableView<?> table = robot.lookup("#content-table").queryAs(TreeTableView.class);
        var column = (TreeTableColumn<?, ?>) table.getColumns().stream().filter(c -> "col-outdated".equals(c.getId()))
                .findFirst().orElseThrow();
        var texts = new ArrayList<Object>();
        for (int i = 0; i < table.getRoot().getChildren().size(); i++) {
            texts.add(column.getCellData(i));
        }
        assertTrue(texts.contains("Outdated"), texts.toString());
        assertTrue(texts.contains("Up to date"), texts.toString());
        assertFalse(robot.lookup(".outdated-outdated").queryAll().isEmpty());

        robot.interact(() -> model.content().filterTextProperty().set("outdated:yes"));
        assertEquals("1 of 3 repos", robot.lookup("#count").queryAs(Label.class).getText());
        assertEquals("org/big", model.content().visibleRepos().getFirst().repoId());
    }

    @Test
    void historyChartShowsTheEmptyStateAfterOneScanAndTheLinesWithEarlierPoints(FxRobot robot) throws Exception {
        Path hub = fixtureCache();
        var model = open(robot, hub);
        selectUsage(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#history-empty").queryAll().isEmpty());
        assertTrue(robot.lookup("#history-empty").queryAs(Label.class).isVisible());
        context.close();
        UiTestSupport.closeWindows(robot);

        Path history = dir.resolve("cfg/state/cache-history.jsonl");
        long now = Instant.now().getEpochSecond();
        Files.writeString(history, "{\"t\":" + (now - 14 * 86400) + ",\"root\":\"" + hub + "\",\"bytes\":10000}\n"
                + Files.readString(history).replaceAll("\"t\":\\d+", "\"t\":" + (now - 7 * 86400)));
        model = open(robot, hub);
        selectUsage(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#history-chart").queryAll().isEmpty());
        AreaChart<?, ?> chart = robot.lookup("#history-chart").queryAs(AreaChart.class);
        assertEquals(3, chart.getData().getFirst().getData().size());
        assertTrue(robot.lookup("#history-growth").queryAs(Label.class).getText().contains("a week"),
                robot.lookup("#history-growth").queryAs(Label.class).getText());
        assertTrue(model.health().history().growthProperty().get().startsWith(hub.toString()));
    }

    private static void selectUsage(FxRobot robot) {
        robot.interact(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(t -> t.getTabs().stream().anyMatch(tab -> "tab-usage".equals(tab.getId()))).findFirst()
                .orElseThrow().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aCacheOverItsSizeLimitGetsABadgeAndOneNotificationPerCrossing(FxRobot robot) throws Exception {
        Path hub = fixtureCache();
        new SettingsStore(dir.resolve("cfg/settings.json")).save(Settings.defaults()
                .withThresholds(new Thresholds(0, 1_000, List.of())));
        var model = open(robot, hub);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup(".badge-limit").queryAll().isEmpty());

        var notes = new ArrayList<String>();
        Dialogs recording = new Dialogs() {
            @Override
            public void info(String message) {
            }

            @Override
            public void error(String message, Throwable details) {
            }

            @Override
            public void notify(String message) {
                notes.add(message);
            }
        };
        RootItemViewModel card = model.roots().get(1);
        var alerts = new ThresholdAlerts(() -> model.settings().thresholds(), model::roots, recording, context.texts());
        robot.interact(() -> {
            alerts.scanned(card.scanProperty().get());
            alerts.scanned(card.scanProperty().get());
        });
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.getFirst().contains("above the limit of 1.0 kB"), notes.getFirst());
    }

    @Test
    void teamStoreSectionSavesTheSecretApartAndTestSaysWhyAClosedPortFails(FxRobot robot) throws Exception {
        var storage = SavedStore.Storage.in(dir.resolve("cfg"));
        var io = Executors.newSingleThreadExecutor();
        var env = new Environment(Map.of(), dir.resolve("home"), Environment.Os.LINUX);
        var texts = new LiveTexts(Locale.ENGLISH);
        var team = new TeamViewModel(new TeamViewModel.Services(storage, env, new OkHttpClient(), io, io, io,
                javafx.application.Platform::runLater), FXCollections.observableArrayList(), new FxDialogs(texts), texts);
        String endpoint;
        try (var s = new ServerSocket(0)) {
            endpoint = "http://127.0.0.1:" + s.getLocalPort();
        }
        var section = new TeamStoreSection[1];
        robot.interact(() -> {
            section[0] = new TeamStoreSection(team);
            section[0].setExpanded(true);
            var stage = new Stage();
            stage.setScene(new Scene(section[0], 640, 320));
            stage.show();
        });
        robot.clickOn("#team-address").write("s3://models/team");
        robot.clickOn("#team-endpoint").write(endpoint);
        robot.clickOn("#team-access-key").write("AKID");
        robot.clickOn("#team-secret").write("s3cr3t");
        robot.clickOn("#team-test");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !team.testingProperty().get());
        String said = robot.lookup("#team-test-result").queryAs(Label.class).getText();
        assertFalse(said.isBlank() || said.startsWith("OK"), said);
        assertTrue(said.endsWith("."), said);

        robot.interact(section[0]::save);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(storage.secret()));
        io.shutdown();
        io.awaitTermination(5, TimeUnit.SECONDS);
        assertEquals("s3://models/team", storage.load().address());
        assertEquals(endpoint, storage.load().endpoint());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storage.secret())));
        assertFalse(Files.readString(storage.settings()).contains("s3cr3t"));
    }
}
