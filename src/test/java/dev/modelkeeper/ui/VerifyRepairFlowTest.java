package dev.modelkeeper.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.ui.content.ContentRow;
import dev.modelkeeper.ui.content.ContentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Verify finds a corrupted model, Repair fixes it, and its status turns verified. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class VerifyRepairFlowTest {

    private static final byte[] WEIGHTS = new byte[600_000];

    static {
        new Random(8).nextBytes(WEIGHTS);
    }

    @TempDir
    Path dir;
    private HubEmulator hub;
    private AppContext context;
    private MainViewModel model;
    private Path blob;
    private String commit;

    @BeforeEach
    void start(FxRobot robot) throws Exception {
        var repo = FixtureRepo.model("org/name");
        String c = repo.commit(1);
        commit = c;
        repo.file(c, "config.json", "{}").lfsFile(c, "model.safetensors", WEIGHTS).ref("main", c);
        hub = new HubEmulator().withCdn().add(repo);
        Path cache = dir.resolve("hub");
        new DownloadOperation(new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.none()), new DownloadRequest(RepoType.MODEL, "org/name", "main", List.of(), List.of(), cache,
                false), 2).run(ProgressListener.NONE, Cancellation.create());
        blob = cache.resolve("models--org--name/blobs/" + CacheFixture.sha256(WEIGHTS));
        byte[] damaged = Files.readAllBytes(blob);
        damaged[1234] ^= 0x40;
        Files.write(blob, damaged);

        // an unfinished download nobody is writing: a warning the scan itself reports
        Files.write(cache.resolve("models--org--name/blobs/" + "ab".repeat(32) + ".incomplete"), new byte[] {1, 2});
        open(robot);
    }

    private void open(FxRobot robot) throws Exception {
        Path cache = dir.resolve("hub");
        var env = new Environment(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString(),
                "MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
        model = context.mainViewModel();
        robot.interact(() -> {
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions()), 1100, 700));
            stage.show();
            model.refresh();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.content().visibleRepos().isEmpty()
                && !model.scanningProperty().get());
    }

    /** The sidebar badge, the tab title and the list, as the user reads them. */
    private List<Integer> counts(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        var result = new Integer[3];
        robot.interact(() -> {
            var root = model.roots().stream().filter(i -> !i.isAll()).findFirst().orElseThrow();
            result[0] = (int) root.problemCount();
            String title = problemsTab(robot).getText();
            result[1] = Integer.parseInt(title.replaceAll("\\D", ""));
            result[2] = robot.lookup("#findings").queryAs(javafx.scene.control.ListView.class).getItems().size();
        });
        return List.of(result);
    }

    private Tab problemsTab(FxRobot robot) {
        return robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class).getTabs().stream()
                .filter(t -> "tab-problems".equals(t.getId())).findFirst().orElseThrow();
    }

    private void waitForCounts(FxRobot robot, int n) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> counts(robot).equals(List.of(n, n, n)));
    }

    @AfterEach
    void stop(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        context.close();
        hub.close();
    }

    private ContentStatus repoStatus(FxRobot robot) {
        var status = new ContentStatus[1];
        robot.interact(() -> { // a rescan empties the list for a moment: no row, no status yet
            var repos = model.content().visibleRepos();
            status[0] = repos.isEmpty() ? null : model.content().verify().statusOf(ContentRow.of(repos.getFirst()));
        });
        return status[0];
    }

    @Test
    void verifyFindsTheCorruptModelAndRepairMakesItVerified(FxRobot robot) throws Exception {
        robot.clickOn("#verify-all");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> repoStatus(robot) == ContentStatus.CORRUPT);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup(".status-corrupt").queryAll().isEmpty(), "the status column says Corrupt");
        Tab problems = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class).getTabs().stream()
                .filter(t -> "tab-problems".equals(t.getId())).findFirst().orElseThrow();
        assertEquals("Problems (2)", problems.getText(), "the corrupt file and the unfinished download");

        robot.clickOn("org/name");
        robot.clickOn("#repair");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-go").tryQuery().isPresent());
        robot.clickOn("#confirm-go");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> repoStatus(robot) == ContentStatus.VERIFIED);
        assertArrayEquals(WEIGHTS, Files.readAllBytes(blob));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> problems.getText().equals("Problems (0)"));
        assertFalse(robot.lookup(".status-verified").queryAll().isEmpty(), "the status column says Verified");
    }

    @Test
    void theBadgeTheTabAndTheListAgreeThroughScanVerifyRestartAndRepair(FxRobot robot) throws Exception {
        waitForCounts(robot, 1); // the scan sees the unfinished download
        assertEquals(List.of(1, 1, 1), counts(robot));

        robot.clickOn("#verify-all");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> repoStatus(robot) == ContentStatus.CORRUPT);
        waitForCounts(robot, 2); // verify adds the corrupt file; the download is counted once
        assertEquals(List.of(2, 2, 2), counts(robot));

        robot.clickOn("#refresh"); // a rescan keeps what verify found in a repo that did not change
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.scanningProperty().get());
        assertEquals(List.of(2, 2, 2), counts(robot));

        UiTestSupport.closeWindows(robot); // restart: the verify memo still knows the corrupt file
        context.close();
        open(robot);
        waitForCounts(robot, 2);
        assertEquals(ContentStatus.CORRUPT, repoStatus(robot), "remembered without verifying again");

        robot.clickOn("org/name");
        robot.clickOn("#repair");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-go").tryQuery().isPresent());
        robot.clickOn("#confirm-go");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> repoStatus(robot) == ContentStatus.VERIFIED);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            var c = counts(robot);
            return c.get(0).equals(c.get(1)) && c.get(1).equals(c.get(2)) && !model.scanningProperty().get();
        });
        var after = counts(robot);
        assertEquals(after.get(0), after.get(1), "badge and tab agree after the repair");
        assertEquals(after.get(1), after.get(2), "tab and list agree after the repair");
    }

    @Test
    void aProblemNamesRepoAndFileAndEnterShowsTheFileWhileItsMenuOffersRepair(FxRobot robot) throws Exception {
        robot.clickOn("#verify-all");
        waitForCounts(robot, 2);
        robot.interact(() -> problemsTab(robot).getTabPane().getSelectionModel().select(problemsTab(robot)));
        WaitForAsyncUtils.waitForFxEvents();

        var corrupt = robot.lookup(".finding-file").queryAllAs(javafx.scene.control.Label.class).stream()
                .filter(l -> l.getText().contains("model.safetensors")).findFirst().orElseThrow();
        assertEquals("org/name: model.safetensors (revision " + commit.substring(0, 7) + ")",
                corrupt.getText(), "repo and file, not the blob's hash");
        javafx.scene.Node cell = corrupt;
        while (!(cell instanceof javafx.scene.control.ListCell<?>)) {
            cell = cell.getParent();
        }
        var headline = cell.lookup(".finding-subject");
        assertTrue(((javafx.scene.control.Label) headline).getText().startsWith("Error \u00b7 "),
                "what is wrong comes first");
        assertTrue(cell.lookup("#finding-button-reveal") != null, "the card can show the file in its folder");
        var menu = ((javafx.scene.control.ListCell<?>) cell).getContextMenu();
        var owner = cell;
        robot.interact(() -> menu.show(owner, javafx.geometry.Side.BOTTOM, 0, 0));
        var item = menu.getItems().stream().filter(i -> "finding-repair".equals(i.getId())).findFirst().orElseThrow();
        assertFalse(item.isDisable(), "Repair is offered on the problem");
        robot.interact(menu::hide);
        robot.clickOn(corrupt);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        javafx.scene.control.TreeTableView<ContentRow> table =
                robot.lookup("#content-table").queryAs(javafx.scene.control.TreeTableView.class);
        var selected = table.getSelectionModel().getSelectedItem().getValue();
        assertEquals("model.safetensors", selected.file().filePath(), "Enter selects the file in the tree");
        assertEquals("tab-files", problemsTab(robot).getTabPane().getSelectionModel().getSelectedItem().getId());

        // the card's own "Show in Files" button does the same as Enter
        robot.interact(() -> table.getSelectionModel().clearSelection());
        robot.interact(() -> problemsTab(robot).getTabPane().getSelectionModel().select(problemsTab(robot)));
        WaitForAsyncUtils.waitForFxEvents();
        var showButton = robot.lookup(".finding-card").queryAll().stream().filter(card -> card.lookupAll(".finding-file")
                .stream().anyMatch(l -> ((javafx.scene.control.Label) l).getText().contains("model.safetensors")))
                .map(card -> card.lookup("#finding-button-show")).findFirst().orElseThrow();
        robot.clickOn(showButton);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("tab-files", problemsTab(robot).getTabPane().getSelectionModel().getSelectedItem().getId());
        assertEquals("model.safetensors", table.getSelectionModel().getSelectedItem().getValue().file().filePath());

        // the card's own Repair button starts the repair (it asks first)
        robot.interact(() -> problemsTab(robot).getTabPane().getSelectionModel().select(problemsTab(robot)));
        WaitForAsyncUtils.waitForFxEvents();
        var repair = robot.lookup(".finding-card").queryAll().stream().filter(card -> card.lookupAll(".finding-file")
                .stream().anyMatch(l -> ((javafx.scene.control.Label) l).getText().contains("model.safetensors")))
                .map(card -> card.lookup("#finding-button-repair")).findFirst().orElseThrow();
        robot.clickOn(repair);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-go").tryQuery().isPresent());
        robot.clickOn("#confirm-go");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> repoStatus(robot) == ContentStatus.VERIFIED);
    }
}
