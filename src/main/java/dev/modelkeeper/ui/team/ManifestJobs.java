package dev.modelkeeper.ui.team;

import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.manifest.EnsureOperation;
import dev.modelkeeper.core.manifest.EnsureResult;
import dev.modelkeeper.core.manifest.LockFile;
import dev.modelkeeper.core.manifest.OfflineEnvironment;
import dev.modelkeeper.core.manifest.ProjectManifest;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.OperationTitles;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.team.SavedStore;
import dev.modelkeeper.core.team.TeamStore;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.Errors;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.TransferRate;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * File → Open manifest: makes every repo a {@code modelkeeper.yaml} lists ready offline ({@link EnsureOperation}
 * as a job with progress, from the team store first when the manifest or the settings name one), then hands over
 * the result and the environment that makes programs use the cache offline.
 */
public final class ManifestJobs {

    /** What the finished job shows: one line per entry and the summary, and the environment to copy. */
    public record Report(String summary, String environment, boolean ready) {
    }

    private final TeamViewModel team;
    private final CacheLocator locator;
    private final Supplier<HubClient> hub;
    private final VerdictStore verdicts;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final Runnable rescan;

    public ManifestJobs(TeamViewModel team, CacheLocator locator, Supplier<HubClient> hub, VerdictStore verdicts,
                        ObservableList<Task<?>> tasks, Dialogs dialogs, Runnable rescan) {
        this.team = team;
        this.locator = locator;
        this.hub = hub;
        this.verdicts = verdicts;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.rescan = rescan;
    }

    /** Runs ensure for the manifest file in the background; {@code show} gets the report on the FX thread. */
    public void open(Path file, Consumer<Report> show) {
        ResourceBundle texts = team.texts();
        var task = new FxOperationTask<>(operation(file), texts, new TransferRate(texts, System::nanoTime));
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            rescan.run();
            show.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            dialogs.error(MessageFormat.format(texts.getString("team.manifest.failed"), file,
                    Errors.text(task.getException(), texts)), task.getException());
        });
        task.setOnCancelled(e -> tasks.remove(task));
        tasks.add(task);
        team.worker().execute(task);
    }

    private Operation<Report> operation(Path file) {
        return new Operation<>() {
            @Override
            public Message title() {
                return OperationTitles.of("ensure", file);
            }

            @Override
            public Report run(ProgressListener progress, Cancellation cancel) throws OperationException {
                ProjectManifest manifest = ProjectManifest.read(file);
                Optional<LockFile> lock = LockFile.readIfExists(manifest);
                Path cache = manifest.cacheDir(team.env()).orElse(locator.hubCache().path());
                EnsureResult result = new EnsureOperation(manifest, lock, cache, store(manifest), hub.get(), verdicts, 8)
                        .run(progress, cancel);
                return report(result, OfflineEnvironment.of(cache, locator.hfHome()));
            }
        };
    }

    /** The manifest's store with the saved keys, else the saved store, else none. */
    private Optional<TeamStore> store(ProjectManifest manifest) throws OperationException {
        SavedStore saved = team.store();
        Optional<String> address = manifest.store().or(() -> Optional.of(saved.address()).filter(a -> !a.isEmpty()));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(team.connect(new SavedStore(address.get(), saved.endpoint(), saved.accessKey())));
    }

    private Report report(EnsureResult result, OfflineEnvironment environment) {
        ResourceBundle texts = team.texts();
        var lines = new StringBuilder();
        for (var r : result.entries()) {
            if (r.ready()) {
                lines.append(MessageFormat.format(texts.getString("team.manifest.ready"), r.entry().label(), r.commit()));
            }
            r.missing().forEach(m -> lines.append(m.render(Errors.locale(texts))));
            lines.append('\n');
        }
        long notReady = result.entries().stream().filter(r -> !r.ready()).count();
        lines.append(notReady > 0
                ? MessageFormat.format(texts.getString("team.manifest.notReady"), notReady, result.entries().size())
                : MessageFormat.format(texts.getString("team.manifest.done"), result.entries().size(), result.cache(),
                        SizeFormat.bytes(result.bytesFromHub()), SizeFormat.bytes(result.bytesFromStore())));
        return new Report(lines.toString(), environment.shell(), result.ready());
    }
}
