package dev.modelkeeper.ui;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.team.PushOperation;
import dev.modelkeeper.core.team.SavedStore;
import dev.modelkeeper.core.team.StoreConfig;
import dev.modelkeeper.core.team.TeamStore;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.s3.S3ProxyServer;
import dev.modelkeeper.ui.settings.ProfilesSection;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

/** Issue #15 in the window: the "In team store" column, the download's source, endpoint profiles in Settings. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class TeamWindowFlowTest {

    @TempDir
    Path dir;
    private AppContext context;

    @AfterEach
    void close(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        if (context != null) {
            context.close();
        }
    }

    private MainViewModel open(FxRobot robot, Path hub) throws Exception {
        var env = new Environment(Map.of("HF_HUB_CACHE", hub.toString(), "MODELKEEPER_CONFIG_DIR",
                dir.resolve("cfg").toString(), "HF_ENDPOINT", "http://127.0.0.1:9"), dir.resolve("home"),
                Environment.Os.LINUX);
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

    @Test
    void aPushedRepoShowsTheBadgeAndItsDownloadPreviewSaysTheTeamStoreServesIt(FxRobot robot) throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        cache.model("org/big").lfsFile(commit(1), "w.bin", new byte[50_000]).ref("main", commit(1));
        cache.model("org/small").lfsFile(commit(2), "x.bin", new byte[1_000]).ref("main", commit(2));
        try (var s3 = new S3ProxyServer(dir)) {
            String address = "s3://" + S3ProxyServer.BUCKET + "/team";
            var env = Environment.of(new HashMap<>(s3.env()), Environment.Os.LINUX, "/nonexistent");
            new PushOperation(new TeamStore(StoreConfig.of(address, null, env), new OkHttpClient()), cache.dir(),
                    RepoType.MODEL, "org/big", "main", false).run(ProgressListener.NONE, Cancellation.create());
            SavedStore.Storage.in(dir.resolve("cfg")).save(new SavedStore(address, s3.endpoint(),
                    S3ProxyServer.ACCESS_KEY), S3ProxyServer.SECRET_KEY);

            var model = open(robot, cache.dir());
            TreeTableView<?> table = robot.lookup("#content-table").queryAs(TreeTableView.class);
            var column = (TreeTableColumn<?, ?>) table.getColumns().stream()
                    .filter(c -> "col-team".equals(c.getId())).findFirst().orElseThrow();
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup(".badge-team").queryAll().isEmpty());
            var byRepo = new HashMap<String, Object>();
            for (int i = 0; i < table.getRoot().getChildren().size(); i++) {
                var row = (dev.modelkeeper.ui.content.ContentRow) table.getRoot().getChildren().get(i).getValue();
                byRepo.put(row.repo().repoId(), column.getCellData(i));
            }
            assertEquals("In team store", byRepo.get("org/big"), byRepo.toString());
            assertEquals("", byRepo.get("org/small"), byRepo.toString());
            assertEquals(address, model.team().holdings().address());
            assertTrue(model.team().storeStatusProperty().get().contains("1 repo"),
                    model.team().storeStatusProperty().get());

            var form = model.newDownload();
            robot.interact(() -> {
                form.repoIdProperty().set("org/big");
                form.preview();
            });
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !form.previewingProperty().get());
            String preview = form.previewProperty().get();
            assertTrue(preview.endsWith("From the team store (0 B from the internet)"), preview);
            assertTrue(form.downloadableProperty().get(), preview);
        }
    }

    @Test
    void aProfileAddedInSettingsKeepsItsTokenApartAndTestAgainstAClosedPortSaysWhy(FxRobot robot) throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        cache.model("org/small").file(commit(2), "config.json", "{}").ref("main", commit(2));
        open(robot, cache.dir());
        String closed;
        try (var s = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
        robot.interact(() -> {
            var section = new ProfilesSection(context.profiles());
            section.setExpanded(true);
            var stage = new Stage();
            stage.setScene(new Scene(section, 720, 520));
            stage.show();
        });
        robot.clickOn("#profile-name").write("corp");
        robot.clickOn("#profile-url").write(closed);
        robot.clickOn("#profile-token").write("tok-123");
        assertFalse(robot.lookup("#profile-send-hub-token").queryAs(javafx.scene.control.CheckBox.class).isSelected());
        robot.clickOn("#profile-add");

        Path settings = dir.resolve("cfg/settings.json");
        Path token = dir.resolve("cfg/profiles/corp.token");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(token) && Files.exists(settings)
                && Files.readString(settings).contains("corp"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertFalse(Files.readString(settings).contains("tok-123"));
        var saved = new SettingsStore(settings).load().profile("corp").orElseThrow();
        assertEquals(closed, saved.url());
        assertFalse(saved.sendHubToken());

        robot.interact(() -> robot.lookup("#profiles-table").queryAs(TableView.class).getSelectionModel().select(0));
        robot.clickOn("#profile-use");
        assertEquals("corp", context.mainViewModel().settings().activeProfile());
        robot.clickOn("#profile-test");
        WaitForAsyncUtils.waitFor(25, TimeUnit.SECONDS, () -> !context.profiles().testingProperty().get());
        String said = robot.lookup("#profile-result").queryAs(Label.class).getText();
        assertTrue(said.contains(closed) && said.strip().endsWith("."), said);
    }
}
