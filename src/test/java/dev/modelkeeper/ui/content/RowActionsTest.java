package dev.modelkeeper.ui.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.RepoType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Side;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TreeTableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A row's context menu is built from the actions features add: cleanup or the team store plug in the same way. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class RowActionsTest {

    private static final CacheRoot ROOT = new CacheRoot(Path.of("/c"), CacheKind.HF_HUB, CacheRoot.Origin.DEFAULT, null);
    private CacheContentViewModel model;

    @Start
    void start(Stage stage) {
        model = new CacheContentViewModel(new PathActions() {
            @Override
            public void reveal(Path path) {
            }

            @Override
            public void copy(Path path) {
            }

            @Override
            public void copyText(String text) {
            }
        }, new dev.modelkeeper.ui.LiveTexts(Locale.ENGLISH), Clock.fixed(RepoFilterTest.NOW, ZoneOffset.UTC));
        stage.setScene(new Scene(new CacheContentView(model), 1000, 600));
        stage.show();
    }

    private static Repo repo(String id) {
        return RepoFilterTest.repo(RepoType.MODEL, id, 1_000, Duration.ofDays(2), "main", "model.bin");
    }

    private void showScan(FxRobot robot) {
        robot.interact(() -> model.setScan(new CacheScan(ROOT, CacheKind.HF_HUB, CacheScan.State.ONLINE,
                Optional.empty(), List.of(repo("org/one"), repo("org/two")), List.of(), List.of(), 2_000, 2_000,
                Instant.now())));
    }

    @SuppressWarnings("unchecked")
    private List<MenuItem> openMenu(FxRobot robot, String repoId) {
        TreeTableRow<ContentRow> row = robot.lookup(".tree-table-row-cell").queryAllAs(TreeTableRow.class).stream()
                .filter(r -> r.getItem() instanceof ContentRow c && c.name().equals(repoId)).findFirst().orElseThrow();
        ContextMenu menu = row.getContextMenu();
        robot.interact(() -> menu.show(row, Side.BOTTOM, 0, 0));
        var items = List.copyOf(menu.getItems());
        robot.interact(menu::hide);
        return items;
    }

    @Test
    void anAddedActionAppearsInTheRowMenuAndRunsForThatRow(FxRobot robot) {
        var ran = new ArrayList<String>();
        showScan(robot);
        // added after the table exists, as a feature composed later would
        robot.interact(() -> model.addRowAction(RowAction.of("findings.action.show",
                row -> row.name().equals("org/one"), row -> ran.add(row.name()))));

        var items = openMenu(robot, "org/one");
        var added = items.stream().filter(i -> "row-show".equals(i.getId())).findFirst().orElseThrow();
        assertEquals(model.texts().getString("findings.action.show"), added.getText());
        assertFalse(added.isDisable());
        assertTrue(items.get(1) instanceof SeparatorMenuItem, "the features' actions come before reveal and copy");
        robot.interact(added::fire);
        assertEquals(List.of("org/one"), ran);

        var other = openMenu(robot, "org/two").stream().filter(i -> "row-show".equals(i.getId())).findFirst()
                .orElseThrow();
        assertTrue(other.isDisable(), "the action said it is not for this row");
    }

    @Test
    void withoutActionsTheMenuStillRevealsAndCopies(FxRobot robot) {
        showScan(robot);
        var items = openMenu(robot, "org/one");
        assertEquals(List.of(model.texts().getString("content.action.reveal"),
                model.texts().getString("content.action.copy")), items.stream().map(MenuItem::getText).toList());
    }
}
