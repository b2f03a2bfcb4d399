package dev.modelkeeper.ui.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadQueueStore;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.ui.Dialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
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

/** The download queue against the Hub emulator, with the user's answers scripted. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DownloadQueueTest {

    /** Over the ranged threshold: fetched in 16 MiB pieces over several connections. */
    private static final byte[] BIG = new byte[70_000_000];
    /** In-flight bytes a pause may cost (socket buffers, one read per connection). */
    private static final long SLACK = 4L << 20;

    static {
        new Random(3).nextBytes(BIG);
    }

    @TempDir
    Path dir;
    private HubEmulator hub;
    private final ExecutorService downloads = Executors.newFixedThreadPool(2);
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final AtomicInteger landed = new AtomicInteger();
    private final ResourceBundle texts = ResourceBundle.getBundle("dev.modelkeeper.ui.messages", Locale.ENGLISH);
    private DownloadQueueStore store;
    private DownloadRequest request;

    @BeforeEach
    void start() throws Exception {
        var repo = FixtureRepo.model("org/big");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{}").lfsFile(c, "model.safetensors", BIG).ref("main", c);
        hub = new HubEmulator().withCdn().add(repo);
        store = new DownloadQueueStore(dir.resolve("state/downloads.json"));
        request = new DownloadRequest(RepoType.MODEL, "org/big", "main", List.of(), List.of(), dir.resolve("hub"), false);
    }

    @AfterEach
    void stop() {
        downloads.shutdownNow();
        io.shutdownNow();
        hub.close();
    }

    private DownloadQueueViewModel queue() {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.standard());
        return new DownloadQueueViewModel(r -> new DownloadOperation(client, r, 2),
                new DownloadQueueViewModel.Executors(downloads, io, Platform::runLater), store,
                FXCollections.<Task<?>>observableArrayList(), dialogs, texts, landed::incrementAndGet);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    private Path blobs() {
        return dir.resolve("hub/models--org--big/blobs");
    }

    private List<String> partials() throws Exception {
        if (!Files.isDirectory(blobs())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(blobs())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".incomplete") || n.endsWith(".json"))
                    .toList();
        }
    }

    /** Starts the download throttled and waits until about {@code fraction} of it arrived. */
    private DownloadEntry startAndWaitFor(FxRobot robot, DownloadQueueViewModel queue, double fraction)
            throws Exception {
        hub.throttle(4_000_000); // per connection
        robot.interact(() -> queue.start(request));
        DownloadEntry entry = fx(() -> queue.entries().getFirst());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> entry.progressProperty().get() > fraction));
        return entry;
    }

    private void waitUntilLanded() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> landed.get() > 0);
        assertTrue(Files.exists(dir.resolve("hub/models--org--big/snapshots")));
    }

    @Test
    void pausingALargeDownloadHalfwayAndResumingFetchesEachByteAboutOnce(FxRobot robot) throws Exception {
        var queue = queue();
        var entry = startAndWaitFor(robot, queue, 0.4);

        robot.interact(() -> queue.pause(entry));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> entry.onDiskProperty().get() > 0));
        assertEquals(DownloadEntry.State.PAUSED, fx(entry::state));
        assertTrue(fx(() -> entry.textProperty().get()).matches("Paused · \\d+(\\.\\d)? MB already downloaded"),
                fx(() -> entry.textProperty().get()));
        hub.throttle(0);
        robot.interact(() -> queue.resume(entry));
        waitUntilLanded();

        long again = hub.bytesServed() - BIG.length - 2;
        assertTrue(again <= SLACK, "fetched again: " + again);
        assertTrue(fx(() -> queue.entries().isEmpty()));
        // the queue file is written on the io thread after the download landed
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> store.load().isEmpty());
    }

    @Test
    void downloadsRunningWhenTheAppQuitsComeBackPausedWithTheirBytesAndResume(FxRobot robot) throws Exception {
        var queue = queue();
        var entry = startAndWaitFor(robot, queue, 0.3);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> store.load().size() == 1);

        robot.interact(queue::closing);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> entry.task() == null
                || entry.task().ended().toCompletableFuture().isDone());

        var restarted = queue();
        restarted.restore();
        assertEquals(1, restarted.entries().size());
        var back = restarted.entries().getFirst();
        assertEquals(DownloadEntry.State.PAUSED, back.state());
        assertEquals(request, back.request());
        assertTrue(back.onDiskProperty().get() > 0.25 * BIG.length, "progress on disk: " + back.onDiskProperty().get());
        assertTrue(back.textProperty().get().endsWith("already downloaded"), back.textProperty().get());

        hub.throttle(0);
        robot.interact(() -> restarted.resume(back));
        waitUntilLanded();
        assertTrue(hub.bytesServed() - BIG.length - 2 <= SLACK, "fetched again: " + (hub.bytesServed() - BIG.length));
    }

    @Test
    void quittingWhileADownloadRunsAsksAndKeepRunningKeepsIt(FxRobot robot) throws Exception {
        var queue = queue();
        assertTrue(fx(queue::confirmQuit), "nothing runs: no question");
        assertTrue(dialogs.asked.isEmpty());
        startAndWaitFor(robot, queue, 0.05);

        dialogs.answers.add(1);
        assertFalse(fx(queue::confirmQuit));
        assertEquals("A download is running. Quit and resume it next time? What was downloaded stays in the cache.",
                dialogs.asked.getFirst());
        assertEquals(List.of("Quit", "Keep running"), dialogs.answersOffered.getFirst());
        assertEquals(DownloadEntry.State.RUNNING, fx(() -> queue.entries().getFirst().state()));

        dialogs.answers.add(0);
        assertTrue(fx(queue::confirmQuit));
        robot.interact(queue::closing);
    }

    @Test
    void cancelAsksAndDeletingRemovesThePartialDataOnly(FxRobot robot) throws Exception {
        var queue = queue();
        var entry = startAndWaitFor(robot, queue, 0.2);
        robot.interact(() -> queue.pause(entry));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> entry.onDiskProperty().get() > 0));
        assertFalse(partials().isEmpty());

        dialogs.answers.add(0);
        robot.interact(() -> queue.cancel(entry));

        assertTrue(dialogs.asked.getFirst().startsWith("Cancel the download of org/big? "), dialogs.asked.getFirst());
        assertTrue(dialogs.asked.getFirst().contains("already in the cache"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> partials().isEmpty());
        assertTrue(fx(() -> queue.entries().isEmpty()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> store.load().isEmpty());
        assertTrue(Files.isDirectory(blobs()), "only the partial files go");
    }

    @Test
    void cancellingARunningDownloadCanKeepItsPartialForLater(FxRobot robot) throws Exception {
        var queue = queue();
        var entry = startAndWaitFor(robot, queue, 0.2);

        var task = fx(entry::task);
        dialogs.answers.add(1);
        robot.interact(() -> queue.cancel(entry));

        assertTrue(fx(() -> queue.entries().isEmpty()));
        task.ended().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> store.load().isEmpty());
        assertFalse(partials().isEmpty(), "kept for later");
    }

    @Test
    void backingOutOfCancelKeepsTheDownloadRunning(FxRobot robot) throws Exception {
        var queue = queue();
        var entry = startAndWaitFor(robot, queue, 0.05);

        dialogs.answers.add(2);
        robot.interact(() -> queue.cancel(entry));

        assertEquals(DownloadEntry.State.RUNNING, fx(entry::state));
        assertEquals(1, fx(() -> queue.entries().size()));
        robot.interact(queue::closing);
    }

    /** Answers questions from a script; records what was asked. */
    static final class ScriptedDialogs implements Dialogs {
        final ConcurrentLinkedDeque<Integer> answers = new ConcurrentLinkedDeque<>();
        final List<String> asked = new ArrayList<>();
        final List<List<String>> answersOffered = new ArrayList<>();
        final List<String> shown = new ArrayList<>();

        @Override
        public void info(String message) {
            shown.add(message);
        }

        @Override
        public void error(String message, Throwable details) {
            shown.add(message);
        }

        @Override
        public int choose(String message, String... offered) {
            asked.add(message);
            answersOffered.add(List.of(offered));
            Integer a = answers.poll();
            return a == null ? -1 : a;
        }
    }
}
