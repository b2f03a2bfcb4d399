package dev.modelkeeper.ui;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationTitles;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.ui.content.ContentRow;
import dev.modelkeeper.ui.roots.RootItemViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
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
class MainWindowTest {

    @TempDir
    Path dir;
    private AppContext context;

    private Path fixtureCache() {
        var cache = new CacheFixture(dir.resolve("hub"));
        cache.model("org/big").lfsFile(commit(1), "w.bin", new byte[50_000]).file(commit(1), "config.json", "{}")
                .ref("main", commit(1));
        cache.model("org/small").file(commit(2), "config.json", "{\"a\":1}").ref("main", commit(2));
        cache.repo(RepoType.DATASET, "org/data").file(commit(3), "a.csv", "1,2").ref("main", commit(3));
        return cache.dir();
    }

    private MainViewModel open(FxRobot robot, Map<String, String> vars, Locale locale) throws Exception {
        var env = new Environment(vars, dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, locale);
        var model = context.mainViewModel();
        robot.interact(() -> {
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions()), 1200, 760));
            stage.show();
            model.refresh();
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.roots().isEmpty()
                && model.roots().stream().skip(1).allMatch(i -> i.scanProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }

    private Map<String, String> env(Path hubCache) {
        return Map.of("HF_HUB_CACHE", hubCache.toString(), "MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString());
    }

    @AfterEach
    void close(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        if (context != null) {
            context.close();
        }
    }

    @Test
    void sidebarShowsTheCacheWithItsSizeAndTheTableItsRepos(FxRobot robot) throws Exception {
        var model = open(robot, env(fixtureCache()), Locale.ENGLISH);

        var hub = model.roots().get(1);
        assertEquals(50_002 + 7 + 3, hub.size());
        assertTrue(robot.lookup(".root-usage").queryAs(Label.class).getText().startsWith("This cache 50.0 kB"));
        TreeTableView<ContentRow> table = robot.lookup("#content-table").queryAs(TreeTableView.class);
        assertEquals(3, table.getRoot().getChildren().size());
        assertEquals("3 of 3 repos", robot.lookup("#count").queryAs(Label.class).getText());
        assertEquals("Datasets", robot.lookup("#legend-dataset").queryAs(Label.class).getText(),
                "the Usage treemap has a legend of its colours");
    }

    /**
     * Issue #17: what a Refresh or a Verify builds must go when the next one replaces it. Counted, never timed:
     * after the first rounds the window holds as many nodes as before, and no job is left in the list. (The
     * memory benchmark in docs/benchmarks.md found the live heap flat across 20 rounds on a 50,000-file cache.)
     */
    @Test
    void refreshAndVerifyAgainAndAgainKeepNothingOfEarlierRounds(FxRobot robot) throws Exception {
        var model = open(robot, env(fixtureCache()), Locale.ENGLISH);
        Node root = robot.lookup("#content-table").query().getScene().getRoot();
        int[] nodes = new int[6];
        for (int round = 0; round < nodes.length; round++) {
            robot.interact(model::verifyAll);
            waitUntilIdle(model);
            robot.interact(model::refresh);
            waitUntilIdle(model);
            int r = round;
            robot.interact(() -> nodes[r] = countNodes(root));
        }
        // a view kept per round would add hundreds of nodes each time; a cell or a tooltip more or less is layout
        var steady = java.util.Arrays.stream(nodes, 2, nodes.length).summaryStatistics();
        assertTrue(steady.getMax() - steady.getMin() <= 10 && nodes[nodes.length - 1] <= nodes[2] + 10,
                "nodes per round: " + java.util.Arrays.toString(nodes));
        assertEquals(0, model.tasks().size());
        assertEquals(3, model.content().visibleRepos().size());
    }

    private static int countNodes(Node root) {
        int count = 0;
        var todo = new java.util.ArrayDeque<Node>(List.of(root));
        while (!todo.isEmpty()) {
            var n = todo.pop();
            count++;
            if (n instanceof javafx.scene.Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        return count;
    }

    private static void waitUntilIdle(MainViewModel model) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.tasks().isEmpty()
                && !model.scanningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void switchingLanguageShowsTheWindowInItAtOnce(FxRobot robot) throws Exception {
        var model = open(robot, env(fixtureCache()), Locale.ENGLISH);
        var job = new FxOperationTask<Void>(new Operation<>() {
            @Override
            public Message title() {
                return OperationTitles.of("scan.one", "/cache");
            }

            @Override
            public Void run(ProgressListener progress, Cancellation cancellation) {
                return null;
            }
        }, context.texts());
        robot.interact(() -> model.tasks().add(job));
        assertEquals("Scanning /cache", job.getTitle());
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("3 repos"));

        robot.interact(() -> {
            var scene = robot.lookup("#main").query().getScene();
            context.switchLanguage(Locale.forLanguageTag("zh-CN"));
            scene.setRoot(new MainView(model, new UiTestSupport.NoActions()));
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("文件", robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus().getFirst()
                .getText());
        assertEquals("共 3 个仓库，显示 3 个", robot.lookup("#count").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("3 个仓库"));
        assertEquals("正在扫描 /cache", job.getTitle());
        TreeTableView<ContentRow> table = robot.lookup("#content-table").queryAs(TreeTableView.class);
        assertEquals(3, table.getRoot().getChildren().size()); // the same content, in the new view
    }

    @Test
    void missingCacheShowsOfflineWithoutCrashing(FxRobot robot) throws Exception {
        var model = open(robot, env(dir.resolve("unplugged/hub")), Locale.ENGLISH);

        assertEquals(List.of(RootItemViewModel.Badge.OFFLINE), model.roots().get(1).badges());
        assertTrue(robot.lookup(".badge-offline").tryQuery().isPresent());
        assertEquals("Offline", robot.lookup(".badge-offline").queryAs(Label.class).getText());
    }

    @Test
    void droppingAFolderOnTheSidebarAddsAndRemembersIt(FxRobot robot) throws Exception {
        var model = open(robot, env(dir.resolve("empty")), Locale.ENGLISH);
        Path dropped = fixtureCache();
        Node sidebar = robot.lookup("#sidebar").query();

        robot.interact(() -> {
            var board = TestDragboard.withFiles(List.of(dropped.toFile()));
            Event.fireEvent(sidebar, new DragEvent(DragEvent.DRAG_OVER, board, 10, 10, 10, 10, TransferMode.COPY,
                    null, null, null));
            Event.fireEvent(sidebar, new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10,
                    TransferMode.COPY, null, null, null));
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.roots().stream()
                .anyMatch(i -> !i.isAll() && i.root().path().equals(dropped) && i.scanProperty().get() != null));

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> new SettingsStore(dir.resolve("cfg/settings.json"))
                .load().userRoots().equals(List.of(dropped)));
        ListView<?> roots = robot.lookup("#roots").queryAs(ListView.class);
        assertEquals(3, roots.getItems().size(), "all caches + default + dropped");
    }

    @Test
    void chineseLocaleRendersChineseLabels(FxRobot robot) throws Exception {
        open(robot, env(fixtureCache()), Locale.SIMPLIFIED_CHINESE);

        assertEquals("缓存", robot.lookup(".sidebar-header").queryAs(Label.class).getText());
        assertEquals("共 3 个仓库，显示 3 个", robot.lookup("#count").queryAs(Label.class).getText());
        assertTrue(Files.exists(dir.resolve("hub")));
    }

    @Test
    void theRowMenuOffersRepairOnABrokenRepoLikeTheToolbar(FxRobot robot) throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        cache.model("org/broken").file(commit(1), "config.json", "{}").rawRef("main", commit(1) + "\n");
        var model = open(robot, env(cache.dir()), Locale.ENGLISH);

        var row = robot.lookup(".tree-table-row-cell").queryAllAs(javafx.scene.control.TreeTableRow.class).stream()
                .filter(r -> r.getItem() instanceof ContentRow c && c.name().equals("org/broken")).findFirst()
                .orElseThrow();
        assertEquals(dev.modelkeeper.ui.content.ContentStatus.BROKEN,
                model.content().verify().statusOf((ContentRow) row.getItem()));
        var menu = row.getContextMenu();
        robot.interact(() -> menu.show(row, javafx.geometry.Side.BOTTOM, 0, 0));
        var repair = menu.getItems().stream().filter(i -> "Repair\u2026".equals(i.getText())).findFirst().orElseThrow();
        assertTrue(!repair.isDisable(), "Repair is enabled on a Broken repo before any verify");
        robot.interact(menu::hide);
        assertEquals("Problems (1)", robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class).getTabs()
                .stream().filter(t -> "tab-problems".equals(t.getId())).findFirst().orElseThrow().getText(),
                "the scan's problems are listed before any verify");
    }

    @Test
    void aDefaultCacheNotCreatedYetSaysSoInsteadOfOffline(FxRobot robot) throws Exception {
        var model = open(robot, Map.of("MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString()), Locale.ENGLISH);

        var hub = model.roots().stream().filter(i -> !i.isAll() && i.root().kind() == dev.modelkeeper.core.cache.CacheKind.HF_HUB)
                .findFirst().orElseThrow();
        assertEquals(List.of(RootItemViewModel.Badge.NOT_CREATED), hub.badges());
        assertTrue(robot.lookup(".badge-not_created").queryAllAs(Label.class).stream()
                .allMatch(l -> l.getText().equals("Not created yet")));
    }
}
