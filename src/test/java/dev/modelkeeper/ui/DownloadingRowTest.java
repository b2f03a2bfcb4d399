package dev.modelkeeper.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.TreeTableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A download of a repo in the tree: its row's "downloading" chip, and the notification when it ends. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DownloadingRowTest {

    @TempDir
    Path dir;
    private HubEmulator hub;
    private AppContext context;
    private MainViewModel model;
    private final AtomicBoolean focused = new AtomicBoolean();
    private final List<String> notified = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start(FxRobot robot) throws Exception {
        var repo = FixtureRepo.model("org/name");
        String c = repo.commit(2);
        repo.file(c, "config.json", "{}").lfsFile(c, "model.safetensors", new byte[1_000_000]).ref("main", c);
        hub = new HubEmulator().withCdn().add(repo);
        // an older revision is in the cache already, so the repo has a row while the new one downloads
        new CacheFixture(dir.resolve("hub")).model("org/name").file(CacheFixture.commit(1), "config.json", "{}")
                .ref("main", CacheFixture.commit(1));
        var env = new Environment(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", dir.resolve("hub").toString(),
                "MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
        model = context.mainViewModel();
        robot.interact(() -> {
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions()), 1100, 700));
            stage.show();
            context.dialogs().owner(stage); // the queue's own "Downloaded …" pops up over it, as in the app
            new JobNotifications(model.tasks(), context.texts(), focused::get, () -> 0, model.downloads()::owns,
                    (title, text) -> notified.add(title + ": " + text));
            model.refresh();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.content().visibleRepos().stream()
                .anyMatch(r -> r.repoId().equals("org/name")));
    }

    @AfterEach
    void stop(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        context.close();
        hub.close();
    }

    private void download(FxRobot robot) {
        robot.interact(() -> model.startDownload(new DownloadRequest(RepoType.MODEL, "org/name", "main", List.of(),
                List.of(), dir.resolve("hub"), false)));
    }

    private void waitUntilLanded() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                model.downloads().entries().isEmpty() && model.tasks().isEmpty()).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<TreeTableCell<?, ?>> chipCell(FxRobot robot) {
        return robot.lookup(".status-downloading").tryQueryAs(TreeTableCell.class).map(c -> (TreeTableCell<?, ?>) c);
    }

    @Test
    void aRunningDownloadShowsItsProgressOnTheRepoRowAndTheChipGoesWhenItLands(FxRobot robot) throws Exception {
        hub.throttle(250_000);
        download(robot);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> chipCell(robot).isPresent()
                && chipCell(robot).get().getText() != null && chipCell(robot).get().getText().matches("[1-9]\\d?%"));
        var cell = chipCell(robot).orElseThrow();
        assertEquals("org/name", ((dev.modelkeeper.ui.content.ContentRow) cell.getTableRow().getItem()).name());
        assertTrue(cell.getGraphic().getStyleClass().contains("downloading-chip"));
        assertTrue(cell.getTooltip().getText().startsWith("Downloading: "), cell.getTooltip().getText());

        hub.throttle(0);
        waitUntilLanded();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> chipCell(robot).isEmpty());
        assertTrue(robot.lookup(".downloading-chip").tryQuery().isEmpty());
    }

    /** The texts of the notification popups on screen. */
    private static List<String> popups(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".notification-bar").queryAll().stream()
                .flatMap(bar -> bar.lookupAll(".label").stream())
                .map(l -> ((javafx.scene.control.Label) l).getText())
                .filter(t -> t != null && !t.isBlank() && !t.equals("ModelKeeper")).toList();
    }

    @Test
    void aDownloadFinishingWhileTheWindowIsInTheBackgroundIsNotifiedOnceByName(FxRobot robot) throws Exception {
        focused.set(false);
        download(robot);
        waitUntilLanded();

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !popups(robot).isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                !model.scanningProperty().get()).get());
        // one popup, the one that names the repo: no second "Finished." for the same download (#13)
        assertEquals(List.of("org/name is downloaded."), popups(robot));
        assertEquals(List.of(), notified, "the rescan after it landed is no news either");
    }

    @Test
    void aDownloadFinishingInTheFocusedWindowIsNotNotified(FxRobot robot) throws Exception {
        focused.set(true);
        download(robot);
        waitUntilLanded();

        assertEquals(List.of(), notified, "the downloads panel already says so");
    }
}
