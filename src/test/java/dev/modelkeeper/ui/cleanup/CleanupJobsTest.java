package dev.modelkeeper.ui.cleanup;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.LockProbe;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.cleanup.InUseCheck;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.fs.OpenFiles;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.LiveTexts;
import dev.modelkeeper.ui.content.ContentRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delete's preview and the Clean up proposals, planned on the calling thread without a toolkit. */
class CleanupJobsTest {

    @TempDir
    Path dir;
    private final List<DeletePreview> previews = new ArrayList<>();
    private final List<CleanUpViewModel> views = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();

    private final CleanupPrompts cancelling = new CleanupPrompts() {
        @Override
        public Optional<Mode> confirmDelete(DeletePreview preview) {
            previews.add(preview);
            return Optional.empty();
        }

        @Override
        public void showCleanUp(CleanUpViewModel model) {
            views.add(model);
        }
    };

    private CleanupJobs jobs(CacheScan scan) {
        var services = new CleanupServices(Runnable::run, Optional::empty, LockProbe.NONE, () -> InUseCheck.NONE,
                OpenFiles::none, Clock.systemUTC(), Duration.ofDays(90), cancelling);
        Dialogs dialogs = new Dialogs() {
            @Override
            public void info(String message) {
                infos.add(message);
            }

            @Override
            public void error(String message, Throwable details) {
                infos.add(message);
            }
        };
        return new CleanupJobs(services, () -> List.of(scan), Runnable::run, FXCollections.observableArrayList(),
                dialogs, new LiveTexts(Locale.ENGLISH), () -> { });
    }

    private static CacheScan scan(Path cache) throws Exception {
        return new CacheScanner(new BasicFileSystemProbe(), LockProbe.NONE).scan(CacheRoot.user(cache),
                ScanListener.NONE, ProgressListener.NONE, Cancellation.create());
    }

    @Test
    void deletePreviewShowsBytesFreedAndTheHardLinkedBlobKeptAndCancelRemovesNothing() throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        var big = cache.model("org/big").lfsFile(commit(1), "w.bin", new byte[40_000])
                .file(commit(1), "config.json", "{}").ref("main", commit(1));
        var twin = cache.model("org/twin").lfsFile(commit(2), "w.bin", new byte[40_000]).ref("main", commit(2));
        Path shared = big.blob(CacheFixture.sha256(new byte[40_000]));
        Path twinBlob = twin.blob(CacheFixture.sha256(new byte[40_000]));
        Files.delete(twinBlob);
        Files.createLink(twinBlob, shared); // a dedupe made them one file

        CacheScan scan = scan(cache.dir());
        var repo = scan.repos().stream().filter(r -> r.repoId().equals("org/big")).findFirst().orElseThrow();
        jobs(scan).delete(ContentRow.of(repo));

        assertEquals(1, previews.size());
        DeletePreview preview = previews.getFirst();
        assertEquals(2, preview.freedBytes(), "only config.json: the weights stay linked from org/twin");
        assertEquals("model/org/big (the whole repo)", preview.goes().getFirst().text());
        assertEquals(1, preview.kept().size());
        assertTrue(preview.kept().getFirst().text().startsWith("w.bin — "), "named as the user knows the file");
        assertEquals(40_000, preview.kept().getFirst().bytes());
        assertTrue(Files.exists(big.dir()), "Cancel leaves everything");
        assertTrue(Files.exists(shared));
    }

    @Test
    void cleanUpOffersThePartialDownloadAndTheDetachedRevisionWithTheirSizesChosen() throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        cache.model("org/name").lfsFile(commit(1), "w.bin", new byte[30_000]).ref("main", commit(1))
                .lfsFile(commit(2), "old.bin", new byte[] {1, 2, 3, 4, 5})
                .incomplete("ab".repeat(32) + ".incomplete", 700);

        jobs(scan(cache.dir())).cleanUp();

        CleanUpViewModel model = views.getFirst();
        assertTrue(!model.loadingProperty().get() && !model.emptyProperty().get());
        var byWin = model.candidates().stream().collect(java.util.stream.Collectors.toMap(
                CleanUpViewModel.Candidate::win, c -> c));
        assertEquals(700, byWin.get(SafeWins.Win.PARTIAL).bytes());
        assertEquals("1 partial download nobody is writing", byWin.get(SafeWins.Win.PARTIAL).label());
        assertEquals(5, byWin.get(SafeWins.Win.DETACHED).bytes());
        assertEquals(705, model.totalProperty().get());
        byWin.get(SafeWins.Win.PARTIAL).chosenProperty().set(false);
        assertEquals(5, model.totalProperty().get(), "the total follows the checkboxes");
        assertEquals("Total: 5 B", model.totalTextProperty().get());
    }

    @Test
    void aCleanCacheHasNothingToCleanUp() throws Exception {
        var cache = new CacheFixture(dir.resolve("hub"));
        cache.model("org/name").lfsFile(commit(1), "w.bin", new byte[1_000]).ref("main", commit(1));

        jobs(scan(cache.dir())).cleanUp();

        assertNotNull(views.getFirst());
        assertTrue(views.getFirst().emptyProperty().get());
        assertTrue(views.getFirst().candidates().isEmpty());
        assertTrue(!views.getFirst().anyChosenProperty().get());
    }
}
