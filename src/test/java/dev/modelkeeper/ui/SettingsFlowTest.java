package dev.modelkeeper.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.ui.settings.SettingsDialog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.PasswordField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The endpoint and token chosen in Settings are what downloads use; the token reaches a mirror only if trusted. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SettingsFlowTest {

    @TempDir
    Path dir;
    private HubEmulator hub;
    private AppContext context;

    @BeforeEach
    void start() throws Exception {
        var repo = FixtureRepo.model("org/name");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{}").ref("main", c);
        hub = new HubEmulator().add(repo);
        var env = new Environment(Map.of("HF_HUB_CACHE", dir.resolve("hub").toString(),
                "MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
    }

    @AfterEach
    void stop(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        context.close();
        hub.close();
    }

    private void chooseInDialog(FxRobot robot, boolean trust) throws Exception {
        var model = context.mainViewModel().settingsViewModel();
        robot.interact(() -> {
            var dialog = new SettingsDialog(model.settings().hub(), model.hasStoredToken(), null, context.texts());
            dialog.resultProperty().addListener((o, was, r) -> {
                if (r != null) {
                    model.saveHubSettings(r.hub(), r.token());
                }
            });
            dialog.show();
            robot.lookup("#settings-endpoint").queryAs(ComboBox.class).getEditor().setText(hub.url());
            robot.lookup("#settings-token").queryAs(PasswordField.class).setText("hf_from_settings");
            robot.lookup("#settings-trust").queryAs(CheckBox.class).setSelected(trust);
            robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                    .filter(b -> b.getText().equals("OK")).findFirst().orElseThrow().fire();
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(dir.resolve("cfg/token")));
    }

    private void download(FxRobot robot) throws Exception {
        var model = context.mainViewModel();
        robot.interact(() -> model.startDownload(new DownloadRequest(RepoType.MODEL, "org/name", "main", List.of(),
                List.of(), dir.resolve("hub"), false)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(dir.resolve("hub/models--org--name/refs/main")));
    }

    @Test
    void aTrustedMirrorGetsTheEndpointAndTheToken(FxRobot robot) throws Exception {
        chooseInDialog(robot, true);
        download(robot);

        assertEquals(hub.url(), context.mainViewModel().settings().hub().endpoint());
        assertTrue(hub.authorizations().stream().allMatch("Bearer hf_from_settings"::equals), hub.authorizations()
                .toString());
        assertTrue(Files.readString(dir.resolve("cfg/settings.json")).contains(hub.url()));
    }

    @Test
    void anUntrustedMirrorNeverSeesTheToken(FxRobot robot) throws Exception {
        chooseInDialog(robot, false);
        download(robot);

        assertTrue(hub.authorizations().stream().allMatch(java.util.Objects::isNull), hub.authorizations().toString());
    }
}
