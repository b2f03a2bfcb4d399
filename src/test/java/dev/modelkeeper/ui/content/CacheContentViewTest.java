package dev.modelkeeper.ui.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CacheContentViewTest {

    private static final CacheRoot ROOT = new CacheRoot(Path.of("/c"), CacheKind.HF_HUB, CacheRoot.Origin.DEFAULT, null);
    private CacheContentViewModel model;
    private final List<String> copied = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        var actions = new PathActions() {
            @Override
            public void reveal(Path path) {
            }

            @Override
            public void copy(Path path) {
                copied.add(path.toString());
            }

            @Override
            public void copyText(String text) {
                copied.add(text);
            }
        };
        model = new CacheContentViewModel(actions, new dev.modelkeeper.ui.LiveTexts(Locale.ENGLISH),
                Clock.fixed(RepoFilterTest.NOW, ZoneOffset.UTC));
        stage.setScene(new Scene(new CacheContentView(model), 1000, 600));
        stage.show();
    }

    private static Repo repo(RepoType type, String id, long size) {
        return RepoFilterTest.repo(type, id, size, Duration.ofDays(2), "main", id.replace('/', '_') + ".bin");
    }

    private void showScan(FxRobot robot) {
        var repos = List.of(repo(RepoType.MODEL, "org/mid", 5_000), repo(RepoType.MODEL, "org/big", 9_000_000),
                repo(RepoType.DATASET, "org/data", 100));
        robot.interact(() -> model.setScan(new CacheScan(ROOT, CacheKind.HF_HUB, CacheScan.State.ONLINE,
                Optional.empty(), repos, List.of(), List.of(), 9_005_100, 9_005_100, Instant.now())));
    }

    @SuppressWarnings("unchecked")
    private TreeTableView<ContentRow> table(FxRobot robot) {
        return robot.lookup("#content-table").queryAs(TreeTableView.class);
    }

    private List<String> names(FxRobot robot) {
        return table(robot).getRoot().getChildren().stream().map(i -> i.getValue().name()).toList();
    }

    @Test
    void rowsAppearWithFormattedSizes(FxRobot robot) {
        showScan(robot);

        assertEquals(List.of("org/mid", "org/big", "org/data"), names(robot));
        assertTrue(robot.lookup(".numeric").queryAll().stream()
                .anyMatch(n -> "9.0 MB".equals(((javafx.scene.control.Labeled) n).getText())));
    }

    @Test
    void aRepoWithUnfinishedDownloadsShowsTheirBytesBesideItsSize(FxRobot robot) {
        var r = repo(RepoType.MODEL, "org/half", 0);
        var half = new Repo(r.type(), r.repoId(), r.repoPath(), r.kind(), r.refs(), r.revisions(), r.nbFiles(),
                r.sizeOnDisk(), r.allocatedOnDisk(), r.lastAccessed(), r.lastModified(), r.findings(), 150_000_000);
        robot.interact(() -> model.setScan(new CacheScan(ROOT, CacheKind.HF_HUB, CacheScan.State.ONLINE,
                Optional.empty(), List.of(half), List.of(), List.of(), 0, 0, Instant.now())));

        assertTrue(robot.lookup(".numeric").queryAll().stream()
                .anyMatch(n -> "0 B (+150.0 MB)".equals(((javafx.scene.control.Labeled) n).getText())));
    }

    @Test
    void sortingBySizeOrdersRepos(FxRobot robot) {
        showScan(robot);
        var t = table(robot);
        robot.interact(() -> {
            TreeTableColumn<ContentRow, ?> size = t.getColumns().get(2);
            size.setSortType(TreeTableColumn.SortType.DESCENDING);
            t.getSortOrder().setAll(List.of(size));
        });

        assertEquals(List.of("org/big", "org/mid", "org/data"), names(robot));
        robot.interact(() -> model.addRepo(ROOT, repo(RepoType.MODEL, "org/huge", 50_000_000)));
        assertEquals("org/huge", names(robot).getFirst(), "a repo arriving mid-scan takes its sorted place");
    }

    @Test
    void typingAFilterNarrowsTheRows(FxRobot robot) {
        showScan(robot);

        robot.clickOn("#filter").write("type:dataset");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("org/data"), names(robot));
        assertEquals("1 of 3 repos", robot.lookup("#count").queryAs(javafx.scene.control.Label.class).getText());
    }

    @Test
    void expandingShowsRevisionsAndFilesAndSelectionFillsTheDetails(FxRobot robot) {
        showScan(robot);
        var t = table(robot);
        robot.interact(() -> {
            var repoItem = t.getRoot().getChildren().getFirst();
            repoItem.setExpanded(true);
            var revItem = repoItem.getChildren().getFirst();
            revItem.setExpanded(true);
            t.getSelectionModel().select(revItem.getChildren().getFirst());
        });

        var fileRow = t.getSelectionModel().getSelectedItem().getValue();
        assertEquals("org_mid.bin", fileRow.name());
        assertTrue(robot.lookup("#details").lookup(".details-title").queryAs(javafx.scene.control.Label.class)
                .getText().contains("org_mid.bin"));
    }

    @Test
    void treemapDrawsOneTilePerRepo(FxRobot robot) throws Exception {
        showScan(robot);
        robot.interact(() -> robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().select(1));

        // the tiles are laid out on a later pulse than the tab switch
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup(".treemap-tile").queryAll().size() == 3);
        assertEquals(3, robot.lookup(".treemap-tile").queryAll().size());
    }

    /** Repo rows whose disclosure arrow is on screen, by name. */
    private List<String> expandableRows(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".tree-table-row-cell").queryAllAs(javafx.scene.control.TreeTableRow.class).stream()
                .filter(r -> r.getTreeItem() != null && r.getItem() instanceof ContentRow c && c.isRepo())
                .filter(r -> r.getDisclosureNode() != null && r.getDisclosureNode().isVisible()
                        && r.getDisclosureNode().getScene() != null)
                .map(r -> ((ContentRow) r.getItem()).name()).sorted().toList();
    }

    @Test
    void repoRowsStayExpandableAfterFilteringClearingAndRescanning(FxRobot robot) {
        showScan(robot);
        var all = List.of("org/big", "org/data", "org/mid");
        assertEquals(all, expandableRows(robot));

        robot.clickOn("#filter").write("type:dataset");
        assertEquals(List.of("org/data"), expandableRows(robot));
        robot.interact(() -> model.filterTextProperty().set(""));
        assertEquals(all, expandableRows(robot), "clearing the filter brings the arrows back");
        showScan(robot); // a rescan replaces every row
        assertEquals(all, expandableRows(robot), "a rescan keeps the arrows");
        robot.interact(() -> { // as the window rescans: empty, rows streaming in, then the finished scan
            model.clear();
            model.addRepo(ROOT, repo(RepoType.MODEL, "org/mid", 5_000));
        });
        showScan(robot);
        assertEquals(all, expandableRows(robot), "a streamed rescan keeps the arrows");

        var t = table(robot);
        robot.interact(() -> t.getRoot().getChildren().getFirst().setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, t.getRoot().getChildren().getFirst().getChildren().size(), "it expands to its revision");
        assertTrue(robot.lookup(".tree-table-row-cell").queryAllAs(javafx.scene.control.TreeTableRow.class).stream()
                .anyMatch(r -> r.getItem() instanceof ContentRow c && c.isRevision()), "the revision row is shown");
    }

    /**
     * Issue #13: a row that last showed a leaf (a repo whose revisions are gone, an empty folder) lost its arrow
     * for good when it was reused for a repo with revisions, since JavaFX re-checks the disclosure node only when
     * the row is laid out again, and a row showing the same texts is not.
     */
    @Test
    void aRowReusedFromALeafRepoGetsItsArrowBack(FxRobot robot) {
        var mid = repo(RepoType.MODEL, "org/mid", 5_000);
        // the same row texts as the repo with its revision: only the revisions differ
        var leaf = new Repo(mid.type(), mid.repoId(), mid.repoPath(), mid.kind(), mid.refs(), List.of(),
                mid.nbFiles(), mid.sizeOnDisk(), mid.allocatedOnDisk(), mid.lastAccessed(), mid.lastModified(), List.of());
        var withLeaf = List.of(leaf, repo(RepoType.MODEL, "org/big", 9_000_000), repo(RepoType.DATASET, "org/data", 100));
        robot.interact(() -> model.setScan(new CacheScan(ROOT, CacheKind.HF_HUB, CacheScan.State.ONLINE,
                Optional.empty(), withLeaf, List.of(), List.of(), 9_005_100, 9_005_100, Instant.now())));
        assertEquals(List.of("org/big", "org/data"), expandableRows(robot), "an empty repo has no arrow");
        showScan(robot); // the same rows, now every repo has its revision
        assertEquals(List.of("org/big", "org/data", "org/mid"), expandableRows(robot));
        robot.clickOn("#filter").write("org/");
        robot.interact(() -> model.filterTextProperty().set(""));
        assertEquals(List.of("org/big", "org/data", "org/mid"), expandableRows(robot), "after filter and clear");
        table(robot).getRoot().getChildren().forEach(i -> assertTrue(!i.isLeaf(), i.getValue().name()));
    }

    /** As the window's scan: repos streaming in one by one into a sorted tree, then the finished scan. */
    @Test
    void reposStreamingIntoASortedTreeAllHaveTheirArrow(FxRobot robot) {
        var t = table(robot);
        robot.interact(() -> {
            var type = t.getColumns().stream().filter(c -> "col-type".equals(c.getId())).findFirst().orElseThrow();
            t.getSortOrder().setAll(List.of(type));
        });
        var repos = new java.util.ArrayList<Repo>();
        for (int i = 0; i < 9; i++) {
            repos.add(repo(i % 3 == 0 ? RepoType.DATASET : RepoType.MODEL, "org" + i + "/repo-000" + i, 1000 + i));
        }
        robot.interact(model::clear);
        for (Repo r : repos) {
            robot.interact(() -> model.addRepo(ROOT, r));
        }
        var names = repos.stream().map(Repo::repoId).sorted().toList();
        assertEquals(names, expandableRows(robot), "while streaming");
        robot.interact(() -> {
            model.setScan(new CacheScan(ROOT, CacheKind.HF_HUB, CacheScan.State.ONLINE,
                    Optional.empty(), repos, List.of(), List.of(), 9_000, 9_000, Instant.now()));
            t.refresh(); // as a verify verdict or a download's chip does
        });
        assertEquals(names, expandableRows(robot), "after the scan");
        robot.interact(t::refresh);
        assertEquals(names, expandableRows(robot), "after a refresh of the cells");
    }

    @Test
    void detailValuesEllipsizeInTheMiddleWithTheFullValueInATooltipAndACopyButton(FxRobot robot) {
        showScan(robot);
        var t = table(robot);
        robot.interact(() -> {
            var repoItem = t.getRoot().getChildren().getFirst();
            repoItem.setExpanded(true);
            t.getSelectionModel().select(repoItem.getChildren().getFirst());
        });
        WaitForAsyncUtils.waitForFxEvents();

        var commit = robot.lookup("#detail-commit").queryAs(javafx.scene.control.Label.class);
        assertEquals("a".repeat(40), commit.getText(), "the whole commit, never cut to what fits");
        assertEquals(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS, commit.getTextOverrun());
        assertEquals("a".repeat(40), commit.getTooltip().getText());
        robot.interact(() -> robot.lookup("#detail-commit-copy").queryButton().fire());
        assertEquals(List.of("a".repeat(40)), copied);
    }

    @Test
    void theFirstScanSaysScanningAndNeverThatTheCacheIsEmpty(FxRobot robot) {
        var empty = robot.lookup("#content-empty").queryAs(javafx.scene.control.Label.class);
        assertEquals("Scanning\u2026", empty.getText(), "before the first scan ended");
        robot.interact(() -> model.clear());
        assertEquals("Scanning\u2026", empty.getText(), "the first scan started");
        showScan(robot);
        robot.interact(() -> model.clear());
        assertEquals("Refreshing\u2026", empty.getText(), "a later scan");
    }

    @Test
    void aFilterMatchingNothingSaysSoAndOffersToClearIt(FxRobot robot) {
        showScan(robot);
        robot.interact(() -> model.filterTextProperty().set("nothing-like-this"));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("No repo matches \u201cnothing-like-this\u201d.",
                robot.lookup("#content-empty").queryAs(javafx.scene.control.Label.class).getText());
        robot.clickOn("#filter-clear");
        assertEquals(3, names(robot).size());
        robot.interact(() -> model.clear());
        assertEquals("Refreshing\u2026", robot.lookup("#content-empty").queryAs(javafx.scene.control.Label.class)
                .getText(), "a rescan does not claim the cache is empty");
    }

    @Test
    void ctrlFFocusesTheFilterAndEscapeClearsIt(FxRobot robot) {
        showScan(robot);
        robot.clickOn("org/mid");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.F)
                .release(javafx.scene.input.KeyCode.F, javafx.scene.input.KeyCode.CONTROL);
        var filter = robot.lookup("#filter").queryAs(javafx.scene.control.TextField.class);
        assertTrue(filter.isFocused(), "Ctrl+F focuses the filter");
        robot.write("org/big");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("org/big"), names(robot));
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertEquals("", filter.getText(), "Escape clears it");
        assertEquals(3, names(robot).size());
    }
}
