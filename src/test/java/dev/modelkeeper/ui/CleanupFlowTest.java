package dev.modelkeeper.ui;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import dev.modelkeeper.ui.content.ContentRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.RadioButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/** Delete previews and removes a repo; Clean up lists the safe wins and runs them; the sidebar follows. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CleanupFlowTest {

    private static final byte[] WEIGHTS = new byte[40_000];

    @TempDir
    Path dir;
    private AppContext context;
    private MainViewModel model;
    private RepoFixture big;
    private RepoFixture name;

    /** org/big shares its weights with org/twin (one file, two names); org/name has a partial and a detached one. */
    private Path cache() throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        big = cache.model("org/big").lfsFile(commit(1), "w.bin", WEIGHTS).file(commit(1), "config.json", "{\"a\":1}")
                .ref("main", commit(1));
        var twin = cache.model("org/twin").lfsFile(commit(2), "w.bin", WEIGHTS).ref("main", commit(2));
        Path twinBlob = twin.blob(CacheFixture.sha256(WEIGHTS));
        Files.delete(twinBlob);
        Files.createLink(twinBlob, big.blob(CacheFixture.sha256(WEIGHTS)));
        name = cache.model("org/name").lfsFile(commit(3), "w.bin", new byte[3_000]).ref("main", commit(3))
                .lfsFile(commit(4), "old.bin", new byte[] {1, 2, 3, 4, 5})
                .incomplete("ab".repeat(32) + ".incomplete", 700);
        return cache.dir();
    }

    private void open(FxRobot robot) throws Exception {
        var env = new Environment(Map.of("HF_HUB_CACHE", cache().toString(),
                "MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
        model = context.mainViewModel();
        robot.interact(() -> {
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions()), 1200, 760));
            stage.show();
            model.refresh();
        });
        waitForScan();
    }

    private void waitForScan() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.roots().isEmpty() && !model.scanningProperty().get()
                && model.roots().stream().skip(1).allMatch(i -> i.scanProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private long cacheSize() {
        return model.roots().get(1).size();
    }

    private boolean listed(String repoId) {
        return model.content().visibleRepos().stream().anyMatch(r -> r.repoId().equals(repoId));
    }

    /** The entry of a row's context menu, as the menu builds it when it opens. */
    @SuppressWarnings("unchecked")
    private MenuItem rowMenuItem(FxRobot robot, String rowName, String id) {
        TreeTableRow<ContentRow> row = robot.lookup(".tree-table-row-cell").queryAllAs(TreeTableRow.class).stream()
                .filter(r -> r.getItem() instanceof ContentRow c && c.name().equals(rowName)).findFirst().orElseThrow();
        ContextMenu menu = row.getContextMenu();
        robot.interact(() -> menu.show(row, Side.BOTTOM, 0, 0));
        var item = menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
        robot.interact(menu::hide);
        assertFalse(item.isDisable());
        return item;
    }

    @AfterEach
    void close(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        if (context != null) {
            context.close();
        }
    }

    @Test
    void deleteKeyPreviewsTheSharedBlobKeptAndConfirmRemovesTheRepo(FxRobot robot) throws Exception {
        open(robot);
        long before = cacheSize();

        robot.clickOn("org/big");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#delete-go")
                .match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        assertEquals("Frees 7 B", robot.lookup("#delete-freed").queryAs(Label.class).getText(),
                "config.json only: the weights stay, org/twin links them");
        assertTrue(robot.lookup("#delete-kept").tryQuery().isPresent(), "the shared blob is listed as kept");
        robot.interact(() -> robot.lookup("#delete-permanent").queryAs(RadioButton.class).fire());
        robot.clickOn("#delete-go");

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !Files.exists(big.dir()));
        waitForScan();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !listed("org/big") && listed("org/twin"));
        assertTrue(cacheSize() < before, "the sidebar shows the cache smaller");
    }

    @Test
    void cancelInThePreviewRemovesNothing(FxRobot robot) throws Exception {
        open(robot);
        long before = cacheSize();

        rowMenuItem(robot, "org/big", "row-delete").fire();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#delete-cancel")
                .match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        robot.clickOn("#delete-cancel");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(Files.exists(big.snapshot(commit(1)).resolve("config.json")));
        assertTrue(listed("org/big"));
        assertEquals(before, cacheSize());
    }

    @Test
    void cleanUpListsThePartialDownloadAndTheDetachedRevisionAndRemovesThem(FxRobot robot) throws Exception {
        open(robot);
        Path partial = name.dir().resolve("blobs/" + "ab".repeat(32) + ".incomplete");

        robot.clickOn("#clean-up");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#win-PARTIAL").tryQuery().isPresent()
                && !robot.lookup("#cleanup-total").queryAs(Label.class).getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("700 B", robot.lookup("#win-size-PARTIAL").queryAs(Label.class).getText());
        assertEquals("5 B", robot.lookup("#win-size-DETACHED").queryAs(Label.class).getText());
        assertEquals("Total: 705 B", robot.lookup("#cleanup-total").queryAs(Label.class).getText());
        robot.clickOn("#cleanup-run");

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !Files.exists(partial)
                && !Files.exists(name.snapshot(commit(4))));
        assertTrue(Files.exists(name.snapshot(commit(3)).resolve("w.bin")), "the revision main names stays");
        waitForScan();
        assertFalse(robot.lookup("#cleanup-dialog").tryQuery().isPresent(), "the view closed when the job started");
    }
}
