package dev.modelkeeper.ui.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.ui.LiveTexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The download form's view model without a JavaFX toolkit: its background work and its way back to the FX
 * thread are injected executors, here the calling thread (as JabRef's {@code CurrentThreadTaskExecutor}).
 */
class DownloadViewModelTest {

    private static final Executor NOW = Runnable::run;
    private final List<DownloadRequest> asked = new ArrayList<>();

    private DownloadViewModel form(Operation<DownloadPlan> answer) {
        var root = new CacheRoot(Path.of("/cache/hub"), CacheKind.HF_HUB, CacheRoot.Origin.DEFAULT, null);
        return new DownloadViewModel(List.of(root), r -> {
            asked.add(r);
            return answer;
        }, NOW, NOW, new LiveTexts(Locale.ENGLISH));
    }

    private static Operation<DownloadPlan> plan(DownloadPlan plan) {
        return new Operation<>() {
            @Override
            public Message title() {
                return new Message(LiveTexts.BUNDLE, "download.previewing");
            }

            @Override
            public DownloadPlan run(ProgressListener progress, Cancellation cancellation) {
                return plan;
            }
        };
    }

    @Test
    void downloadBecomesAvailableOnlyAfterAPreviewOfExactlyThisForm() {
        var form = form(plan(new DownloadPlan("a".repeat(40), Path.of("/s"), List.of(
                new DownloadPlan.Item("config.json", "e".repeat(40), 10, DownloadPlan.Action.PRESENT),
                new DownloadPlan.Item("w.bin", "f".repeat(64), 2_000_000, DownloadPlan.Action.FETCH)))));
        assertFalse(form.validProperty().get());

        form.repoIdProperty().set("org/model");
        assertTrue(form.validProperty().get());
        assertFalse(form.downloadableProperty().get());

        form.preview();
        assertTrue(asked.getFirst().dryRun());
        assertEquals("2 files, 2.0 MB to fetch (1 already in the cache)", form.previewProperty().get());
        assertTrue(form.downloadableProperty().get());
        assertEquals("", form.hintProperty().get());

        form.includeProperty().set("*.json"); // the preview no longer describes the form
        assertFalse(form.downloadableProperty().get());
        assertEquals("", form.previewProperty().get());
    }

    @Test
    void aFailedPreviewSaysWhyAndKeepsDownloadOff() {
        var form = form(new Operation<>() {
            @Override
            public Message title() {
                return new Message(LiveTexts.BUNDLE, "download.previewing");
            }

            @Override
            public DownloadPlan run(ProgressListener progress, Cancellation cancellation) throws OperationException {
                throw new OperationException(new Message(LiveTexts.BUNDLE, "download.hint.failed"), null, null);
            }
        });
        form.repoIdProperty().set("org/missing");

        form.preview();

        assertFalse(form.downloadableProperty().get());
        assertTrue(form.hintProperty().get().startsWith("Download stays off until a preview succeeds"));
        assertFalse(form.previewingProperty().get());
    }
}
