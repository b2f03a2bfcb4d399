package dev.modelkeeper.ui;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.ui.migrate.MoveTarget;
import dev.modelkeeper.ui.roots.RootItemViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
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

/** Dropping a cache on a destination opens the plan; confirming moves it; the sidebar shows where it lives. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class MigrateFlowTest {

    @TempDir
    Path dir;
    private AppContext context;
    private MainViewModel model;
    private Path hub;
    private Path hdd;

    @BeforeEach
    void start(FxRobot robot) throws Exception {
        hub = dir.resolve("ssd/hub");
        new CacheFixture(hub).model("org/tts").file(commit(1), "config.json", "{}").ref("main", commit(1));
        hdd = dir.resolve("hdd");
        Files.createDirectories(hdd);
        var env = new Environment(Map.of("HF_HUB_CACHE", hub.toString(), "MODELKEEPER_CONFIG_DIR",
                dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
        model = context.mainViewModel();
        robot.interact(() -> {
            var stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions()), 1100, 760));
            stage.show();
            model.refresh();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.content().visibleRepos().isEmpty());
        robot.interact(() -> model.moves().addTarget(hdd)); // as "Another folder…" does after its chooser
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> model.moves().targets().stream().anyMatch(t -> t.folder().equals(hdd)));
    }

    @AfterEach
    void stop(FxRobot robot) throws Exception {
        UiTestSupport.closeWindows(robot);
        context.close();
    }

    @Test
    void droppingACacheOnADiskShowsThePlanAndConfirmingMovesIt(FxRobot robot) throws Exception {
        ListCell<?> target = robot.lookup("#move-target-list .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() instanceof MoveTarget t && t.folder().equals(hdd)).findFirst().orElseThrow();
        robot.interact(() -> {
            var board = TestDragboard.withFiles(List.of(hub.toFile()));
            Event.fireEvent(target, new DragEvent(DragEvent.DRAG_OVER, board, 5, 5, 5, 5, TransferMode.MOVE,
                    null, null, null));
            Event.fireEvent(target, new DragEvent(DragEvent.DRAG_DROPPED, board, 5, 5, 5, 5, TransferMode.MOVE,
                    null, null, null));
        });

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-go").tryQuery().isPresent());
        var plan = robot.lookup("#confirm-dialog .text-area").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(plan.contains("one rename on the same disk"), plan);
        assertTrue(plan.contains(hdd.resolve("hub").toString()), plan);
        robot.clickOn("#confirm-go");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.isSymbolicLink(hub)
                && model.roots().stream().anyMatch(r -> !r.isAll() && r.linkTarget() != null));
        RootItemViewModel root = model.roots().stream().filter(r -> !r.isAll()).findFirst().orElseThrow();
        assertEquals(hdd.resolve("hub"), root.linkTarget());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".root-origin").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().contains("moved → " + hdd.resolve("hub"))), "the card says where it lives");
        assertTrue(Files.isDirectory(hdd.resolve("hub/models--org--tts")));
    }
}
