package dev.modelkeeper.ui;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.ui.migrate.MoveTarget;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.stage.Window;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The README's pictures of the flows, in the light theme: a download in progress, the Problems tab, the repair
 * plan, the move plan and the Delete preview. Writes docs/screenshot-*.png; runs only with {@code -Dscreenshots=true}:
 * {@code ./mvnw -o test -Dtest=DocScreenshotsTest -Dscreenshots=true}.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "screenshots", matches = "true")
class DocScreenshotsTest {

    private static final byte[] WEIGHTS = new byte[900_000];

    static {
        new Random(8).nextBytes(WEIGHTS);
        // headless, Monocle's screen must hold the 1300 x 820 window (its default is 1280 x 800)
        System.setProperty("headless.geometry", System.getProperty("headless.geometry", "1400x900-32"));
    }

    /** Not under /tmp: the cache would get the "will vanish" badge, and the plans would show junit's long names. */
    private final Path dir = Path.of(System.getProperty("modelkeeper.test.basedir", "."), "target", "demo");
    private HubEmulator hub;
    private AppContext context;
    private MainViewModel model;
    private Stage stage;

    @BeforeEach
    void start(FxRobot robot) throws Exception {
        deleteDemo();
        var repo = FixtureRepo.model("acme/tiny-llm");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{}").lfsFile(c, "model.safetensors", WEIGHTS).ref("main", c);
        var next = FixtureRepo.model("acme/whisper-mini");
        String n = next.commit(2);
        next.file(n, "config.json", "{}").lfsFile(n, "model.safetensors", WEIGHTS).ref("main", n);
        hub = new HubEmulator().withCdn().add(repo).add(next);
        Path cache = dir.resolve("hub");
        new DownloadOperation(new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.none()), new DownloadRequest(RepoType.MODEL, "acme/tiny-llm", "main", List.of(), List.of(),
                cache, false), 2).run(ProgressListener.NONE, Cancellation.create());
        var fixture = new CacheFixture(cache);
        fixture.model("acme/whisper-mini").file(CacheFixture.commit(7), "config.json", "{}")
                .ref("main", CacheFixture.commit(7));
        fixture.model("bert-base/uncased").file(CacheFixture.commit(3), "config.json", "{\"layers\": 12}")
                .file(CacheFixture.commit(3), "vocab.txt", "[PAD]\n[UNK]\n").ref("main", CacheFixture.commit(3));
        fixture.repo(RepoType.DATASET, "acme/reviews").file(CacheFixture.commit(4), "train.csv", "a,b\n1,2\n")
                .ref("main", CacheFixture.commit(4));
        System.setProperty("modelkeeper.theme", "light");
        var env = new Environment(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString(),
                "MODELKEEPER_CONFIG_DIR", dir.resolve("cfg").toString()), dir.resolve("home"), Environment.Os.LINUX);
        context = AppContext.create(env, Locale.ENGLISH);
        model = context.mainViewModel();
        robot.interact(() -> {
            context.themes().install();
            stage = new Stage();
            stage.setScene(new Scene(new MainView(model, new UiTestSupport.NoActions(), context.themes()), 1300, 820));
            stage.setTitle("ModelKeeper");
            stage.show();
            context.dialogs().owner(stage);
            model.refresh();
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.content().visibleRepos().size() == 4
                && !model.scanningProperty().get());
    }

    @AfterEach
    void stop(FxRobot robot) {
        UiTestSupport.closeWindows(robot);
        robot.interact(() -> javafx.application.Application.setUserAgentStylesheet(null));
        System.clearProperty("modelkeeper.theme");
        robot.interact(context::close); // as the app's stop(): on the FX thread, which owns the download queue
        hub.close();
    }

    private void deleteDemo() throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void downloadInProgress(FxRobot robot) throws Exception {
        hub.throttle(120_000);
        robot.interact(() -> model.startDownload(new DownloadRequest(RepoType.MODEL, "acme/whisper-mini", "main",
                List.of(), List.of(), dir.resolve("hub"), false)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.downloads()
                .entries().stream().anyMatch(e -> e.progressProperty().get() > 0.3)).get());
        write(stage.getScene(), "screenshot-download.png");
    }

    @Test
    void problemsTab(FxRobot robot) throws Exception {
        damageAndVerify(robot);
        robot.interact(() -> robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .select(2));
        write(stage.getScene(), "screenshot-problems.png");
    }

    @Test
    void repairPlan(FxRobot robot) throws Exception {
        damageAndVerify(robot);
        robot.clickOn("acme/tiny-llm");
        robot.clickOn("#repair");
        write(dialog(robot), "screenshot-repair.png");
    }

    @Test
    void movePlan(FxRobot robot) throws Exception {
        Path hdd = dir.resolve("archive-disk");
        Files.createDirectories(hdd);
        robot.interact(() -> model.moves().addTarget(hdd));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> model.moves().targets().stream().anyMatch(t -> t.folder().equals(hdd)));
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> target = robot.lookup("#move-target-list .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() instanceof MoveTarget t && t.folder().equals(hdd)).findFirst().orElseThrow();
        robot.interact(() -> {
            var board = TestDragboard.withFiles(List.of(dir.resolve("hub").toFile()));
            Event.fireEvent(target, new DragEvent(DragEvent.DRAG_OVER, board, 5, 5, 5, 5, TransferMode.MOVE,
                    null, null, null));
            Event.fireEvent(target, new DragEvent(DragEvent.DRAG_DROPPED, board, 5, 5, 5, 5, TransferMode.MOVE,
                    null, null, null));
        });
        write(dialog(robot), "screenshot-move.png");
    }

    @Test
    void cleanupPreview(FxRobot robot) throws Exception {
        robot.clickOn("bert-base/uncased");
        robot.clickOn("#delete");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#delete-go")
                .match(org.testfx.matcher.base.NodeMatchers.isVisible()).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        write(robot.lookup("#delete-go").query().getScene(), "screenshot-cleanup.png");
    }

    private void damageAndVerify(FxRobot robot) throws Exception {
        Path blob = dir.resolve("hub/models--acme--tiny-llm/blobs/" + CacheFixture.sha256(WEIGHTS));
        byte[] damaged = Files.readAllBytes(blob);
        damaged[1234] ^= 0x40;
        Files.write(blob, damaged);
        robot.clickOn("#verify-all");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup(".status-corrupt").queryAll().isEmpty()
                && WaitForAsyncUtils.asyncFx(() -> model.tasks().isEmpty()).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The confirm dialog's scene once it is open. */
    private static Scene dialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#confirm-go").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Window w = robot.lookup("#confirm-go").query().getScene().getWindow();
        return w.getScene();
    }

    private static void write(Scene scene, String name) throws Exception {
        new FxRobot().moveTo(scene.getWindow().getX() + 5, scene.getWindow().getY() + scene.getHeight() - 5);
        Thread.sleep(400); // a pulse or two: the last progress and layout are drawn
        WaitForAsyncUtils.waitForFxEvents();
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        var pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path docs = Path.of(System.getProperty("modelkeeper.test.basedir", ".")).resolve("docs");
        javax.imageio.ImageIO.write(out, "png", docs.resolve(name).toFile());
    }
}
