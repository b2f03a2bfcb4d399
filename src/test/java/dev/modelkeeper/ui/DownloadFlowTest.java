package dev.modelkeeper.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.ui.download.DownloadDialog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.controlsfx.control.TaskProgressView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DownloadFlowTest {

    @TempDir
    Path dir;
    private HubEmulator hub;
    private AppContext context;
    private MainViewModel model;

    @BeforeEach
    void start(FxRobot robot) throws Exception {
        var repo = FixtureRepo.model("org/name");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{}").lfsFile(c, "model.safetensors", new byte[1_000_000]).ref("main", c);
        hub = new HubEmulator().withCdn().add(repo);
        var env = new Environment(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", dir.resolve("hub").toString(),
                "MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
        model = context.mainViewModel();
        robot.interact(() -> {
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions()), 1100, 700));
            stage.show();
            model.refresh();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.roots().size() > 1);
    }

    @AfterEach
    void stop(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        context.close();
        hub.close();
    }

    private void openDialogFor(FxRobot robot, String repoId) {
        robot.interact(() -> {
            var form = model.newDownload();
            form.repoIdProperty().set(repoId);
            var dialog = new DownloadDialog(form, context.texts());
            dialog.resultProperty().addListener((o, was, request) -> {
                if (request != null) {
                    model.startDownload(request);
                }
            });
            dialog.show();
        });
    }

    @Test
    void previewThenDownloadShowsProgressAndTheNewRepo(FxRobot robot) throws Exception {
        hub.throttle(1_000_000);
        openDialogFor(robot, "org/name");

        robot.clickOn("#download-preview");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#download-preview-text")
                .queryAs(Label.class).getText().startsWith("2 files, 1.0 MB to fetch"));
        robot.clickOn("Download");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#downloads .download-row").tryQuery()
                .isPresent());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.content().visibleRepos().stream()
                .anyMatch(r -> r.repoId().equals("org/name")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#downloads .download-row").tryQuery()
                .isEmpty());
        assertTrue(robot.lookup("#jobs").queryAs(TaskProgressView.class).getTasks().isEmpty());
        assertTrue(Files.exists(dir.resolve("hub/models--org--name/refs/main")));
    }

    /** Previews (Download is off until a preview succeeded), then starts the download. */
    private void previewAndDownload(FxRobot robot) throws Exception {
        robot.clickOn("#download-preview");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !downloadButton(robot).isDisabled());
        robot.clickOn("Download");
    }

    private static Button downloadButton(FxRobot robot) {
        return robot.lookup("#download-dialog .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals("Download")).findFirst().orElseThrow();
    }

    /** What the label really shows: JavaFX cuts a text that does not fit to "…" in its inner Text node. */
    private static String shown(Label label) {
        return ((javafx.scene.text.Text) label.lookup(".text")).getText();
    }

    @Test
    void aMissingRepoIsExplainedInFullAndCannotBeDownloaded(FxRobot robot) throws Exception {
        openDialogFor(robot, "org/missing");
        assertTrue(downloadButton(robot).isDisabled(), "not before a preview");
        assertTrue(robot.lookup("#download-hint").queryAs(Label.class).getText().startsWith("Press Preview first"));

        robot.clickOn("#download-preview");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#download-preview-text")
                .queryAs(Label.class).getText().contains("org/missing was not found"));
        WaitForAsyncUtils.waitForFxEvents();

        var message = robot.lookup("#download-preview-text").queryAs(Label.class);
        assertEquals(message.getText(), shown(message), "the whole message shows");
        assertTrue(message.getText().endsWith("sign in with a token that has access."), message.getText());
        assertTrue(downloadButton(robot).isDisabled());
        assertTrue(robot.lookup("#download-hint").queryAs(Label.class).getText().startsWith("Download stays off"));
        for (Label label : robot.lookup("#download-dialog .label").queryAllAs(Label.class)) {
            if (label.isVisible() && !label.getText().isEmpty()) {
                assertEquals(label.getText(), shown(label), "a label is cut");
            }
        }
    }

    @Test
    void aGatedRepoIsRecognisedInThePreview(FxRobot robot) throws Exception {
        var gated = FixtureRepo.model("org/gated");
        String c = gated.commit(1);
        gated.lfsFile(c, "model.safetensors", new byte[1000]).ref("main", c);
        hub.add(gated).gateFiles("models", "org/gated", "hf_granted");
        openDialogFor(robot, "org/gated");

        robot.clickOn("#download-preview");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#download-preview-text")
                .queryAs(Label.class).getText().contains("gated"));

        assertTrue(downloadButton(robot).isDisabled());
        assertTrue(Files.notExists(dir.resolve("hub/models--org--gated")));
    }

    @Test
    void cancellingARunningDownloadStopsItWithoutABlob(FxRobot robot) throws Exception {
        hub.throttle(200_000);
        openDialogFor(robot, "org/name");
        previewAndDownload(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.tasks().stream()
                .anyMatch(t -> t.getProgress() > 0 && t.getProgress() < 1)).get());

        robot.clickOn(".cancel-download-button");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#choose-dialog").tryQuery().isPresent());
        robot.clickOn("Delete downloaded part");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.tasks().isEmpty()
                && model.downloads().entries().isEmpty()).get());
        try (var blobs = Files.list(dir.resolve("hub/models--org--name/blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.getFileName().toString().length() == 64), "no unverified blob");
        }
    }

    @Test
    void pauseKeepsThePartialAndResumeFinishesWithoutFetchingItAgain(FxRobot robot) throws Exception {
        hub.throttle(300_000);
        openDialogFor(robot, "org/name");
        previewAndDownload(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.tasks().stream()
                .anyMatch(t -> t.getProgress() > 0.2 && t.getProgress() < 0.8)).get());

        robot.clickOn(".pause-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.tasks().isEmpty()
                && model.downloads().entries().size() == 1
                && model.downloads().entries().getFirst().onDiskProperty().get() > 0).get());
        assertTrue(robot.lookup("#downloads .download-text").queryAs(Label.class).getText()
                .matches("Paused · \\d+(\\.\\d)? (B|kB|MB) already downloaded"),
                robot.lookup("#downloads .download-text").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#downloads .cancel-download-button").tryQuery().isPresent());
        Path blobs = dir.resolve("hub/models--org--name/blobs");
        try (var files = Files.list(blobs)) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".incomplete")), "the partial is kept");
        }
        long servedBeforeResume = hub.bytesServed();

        hub.throttle(0);
        robot.clickOn(".resume-button");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.content().visibleRepos().stream()
                .anyMatch(r -> r.repoId().equals("org/name")));

        long total = 1_000_000 + 2;
        // only what was in flight when pausing (the emulator writes 64 KiB pieces) may come twice
        assertTrue(hub.bytesServed() - total <= 2 * 64 * 1024,
                "fetched again: " + (hub.bytesServed() - total) + " of " + servedBeforeResume);
        assertTrue(WaitForAsyncUtils.asyncFx(() -> model.downloads().entries().isEmpty()).get());
    }

    @Test
    void unfinishedDownloadsComeBackAfterARestartReadyToResume(FxRobot robot) throws Exception {
        hub.throttle(200_000);
        openDialogFor(robot, "org/name");
        previewAndDownload(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.tasks().stream()
                .anyMatch(t -> t.getProgress() > 0.3)).get());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(dir.resolve("cfg/state/downloads.json")));
        context.close(); // quitting: the running download stops and stays in the queue

        var env = new Environment(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", dir.resolve("hub").toString(),
                "MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        try (var restarted = AppContext.create(env, Locale.ENGLISH)) {
            var again = restarted.mainViewModel().downloads().entries();
            assertEquals(1, again.size());
            assertEquals("org/name", again.getFirst().request().repoId());
            var restartedView = new java.util.concurrent.atomic.AtomicReference<MainView>();
            robot.interact(() -> {
                var stage = new Stage();
                restartedView.set(new MainView(restarted.mainViewModel(), new UiTestSupport.NoActions()));
                stage.setScene(new Scene(restartedView.get(), 1100, 700));
                stage.show();
            });
            // the restarted window's row, not the first window's (both windows are open in this test)
            var row = robot.from(restartedView.get()).lookup(".download-row").queryAs(javafx.scene.layout.HBox.class);
            assertTrue(row.isVisible() && row.getParent().isVisible(), "the paused download shows in the window");
            // the entry learns its bytes on disk off the FX thread, then shows Resume: wait for it, bounded
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> row.lookup(".resume-button").isVisible()).get());
            assertTrue(row.lookup(".resume-button").isVisible());
            assertTrue(row.lookup(".cancel-download-button").isVisible());
            assertTrue(((Label) row.lookup(".download-text")).getText()
                            .matches("Paused · \\d+(\\.\\d)? (B|kB|MB) already downloaded"),
                    ((Label) row.lookup(".download-text")).getText());
        }
    }
}
