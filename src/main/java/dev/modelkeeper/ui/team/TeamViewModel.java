package dev.modelkeeper.ui.team;

import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.team.PushOperation;
import dev.modelkeeper.core.team.PushResult;
import dev.modelkeeper.core.team.SavedStore;
import dev.modelkeeper.core.team.StoreListing;
import dev.modelkeeper.core.team.TeamStore;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.Errors;
import dev.modelkeeper.ui.FxOperationTask;
import dev.modelkeeper.ui.TransferRate;
import dev.modelkeeper.ui.content.CacheContentViewModel;
import dev.modelkeeper.ui.content.ContentRow;
import dev.modelkeeper.ui.content.RowAction;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import okhttp3.OkHttpClient;

/**
 * The team store in the window, without a scene graph: its settings (the secret in a 0600 file, never in
 * settings.json), "Test connection" (a listing of the store in the background: OK or the store's sentence), and
 * the row action "Publish to team store" ({@link PushOperation} as a job).
 */
public final class TeamViewModel {

    /** Where the store is saved and how it is reached. */
    public record Services(SavedStore.Storage storage, Environment env, OkHttpClient http, Executor io,
                           Executor check, Executor worker, Executor fx) {
    }

    private final Services services;
    private final ObservableList<Task<?>> tasks;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private volatile SavedStore store;
    private volatile boolean secretStored;
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final TeamHoldings holdings = new TeamHoldings();
    private final ReadOnlyStringWrapper storeStatus = new ReadOnlyStringWrapper("");
    private volatile boolean listingWanted = true;

    /** Reads the saved store: call off the FX thread (the window's context is built in init). */
    public TeamViewModel(Services services, ObservableList<Task<?>> tasks, Dialogs dialogs, ResourceBundle texts) {
        this.services = services;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.texts = texts;
        this.store = services.storage().load();
        this.secretStored = services.storage().hasSecret();
    }

    public SavedStore store() {
        return store;
    }

    public boolean hasStoredSecret() {
        return secretStored;
    }

    public ResourceBundle texts() {
        return texts;
    }

    /** Adds "Publish to team store" to the rows' menu (offered once a store is set). */
    public void register(CacheContentViewModel content) {
        content.addRowAction(RowAction.of("team.action.publish", row -> store.isConfigured(), this::publish));
    }

    /** What the store held at its last listing: the "In team store" badges and the download's source. */
    public TeamHoldings holdings() {
        return holdings;
    }

    /** Why the badges are missing (no store, or the store's sentence), or what the last listing found. */
    public ReadOnlyStringProperty storeStatusProperty() {
        return storeStatus.getReadOnlyProperty();
    }

    /** A refresh begins: the next finished scan lists the store again (once, not once per root). */
    public void refreshing() {
        listingWanted = true;
    }

    /** A scan finished: lists the store's manifests and refs in the background, once per refresh. */
    public void scanned() {
        if (!listingWanted) {
            return;
        }
        listingWanted = false;
        SavedStore which = store;
        if (!which.isConfigured()) {
            holdings.clear();
            storeStatus.set(texts.getString("team.status.none"));
            return;
        }
        services.check().execute(() -> {
            String status;
            StoreListing listing = null;
            try {
                listing = StoreListing.read(connect(which), Cancellation.create());
                status = MessageFormat.format(texts.getString("team.status.listed"), listing.repos().size());
            } catch (OperationException e) {
                status = MessageFormat.format(texts.getString("team.status.unreachable"), Errors.text(e, texts));
            } catch (RuntimeException e) {
                status = MessageFormat.format(texts.getString("team.status.unreachable"), e.getMessage());
            }
            StoreListing found = listing;
            String shown = status;
            services.fx().execute(() -> {
                if (found == null) {
                    holdings.clear();
                } else {
                    holdings.set(found);
                }
                storeStatus.set(shown);
            });
        });
    }

    /**
     * A window download of {@code request} that the store can serve: a pull (the store first, then the endpoint
     * for anything it lacks), reported as the download's plan; empty when the store does not hold the revision.
     */
    public java.util.Optional<dev.modelkeeper.core.task.Operation<dev.modelkeeper.core.download.DownloadPlan>> pull(
            dev.modelkeeper.core.download.DownloadRequest request,
            java.util.Optional<dev.modelkeeper.core.hub.HubClient> hub, int parallelism) {
        if (!store.isConfigured() || !holdings.holds(request.type(), request.repoId(), request.revision())) {
            return java.util.Optional.empty();
        }
        SavedStore which = store;
        var title = dev.modelkeeper.core.task.OperationTitles.of("store.pull", request.repoId(), request.revision());
        return java.util.Optional.of(new dev.modelkeeper.core.task.Operation<>() {
            @Override
            public dev.modelkeeper.core.task.Message title() {
                return title;
            }

            @Override
            public dev.modelkeeper.core.download.DownloadPlan run(dev.modelkeeper.core.task.ProgressListener progress,
                                                                  Cancellation cancel) throws OperationException {
                return new dev.modelkeeper.core.team.PullOperation(connect(which), hub, request, parallelism)
                        .run(progress, cancel).plan();
            }
        });
    }

    /** Saves the store in the background; a non-null secret replaces the stored one ("" removes it). */
    public void save(SavedStore changed, String newSecret) {
        if (!changed.equals(store)) {
            listingWanted = true; // the badges describe the old store until the next scan lists the new one
            holdings.clear();
        }
        store = changed;
        if (newSecret != null) {
            secretStored = !newSecret.isBlank();
        }
        services.io().execute(() -> {
            try {
                services.storage().save(changed, newSecret);
            } catch (IOException e) {
                services.fx().execute(() -> dialogs.error(MessageFormat.format(texts.getString("team.error.save"),
                        services.storage().settings()), e));
            }
        });
    }

    /** "OK" or the store's one sentence, for the last Test connection. */
    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    /**
     * Lists the store as typed (not yet saved) in the background; {@code typedSecret} null or empty uses the stored
     * secret.
     */
    public void testConnection(SavedStore candidate, String typedSecret) {
        testing.set(true);
        testResult.set(texts.getString("team.test.running"));
        services.check().execute(() -> {
            String answer;
            try {
                var listing = StoreListing.read(new TeamStore(config(candidate, typedSecret), services.http()),
                        Cancellation.create());
                answer = MessageFormat.format(texts.getString("team.test.ok"), listing.repos().size(),
                        SizeFormat.bytes(listing.blobBytes()));
            } catch (OperationException e) {
                answer = Errors.text(e, texts);
            } catch (RuntimeException e) {
                answer = String.valueOf(e.getMessage());
            }
            String shown = answer;
            services.fx().execute(() -> {
                testResult.set(shown);
                testing.set(false);
            });
        });
    }

    private dev.modelkeeper.core.team.StoreConfig config(SavedStore candidate, String typedSecret)
            throws OperationException {
        if (typedSecret != null && !typedSecret.isEmpty() && !candidate.accessKey().isEmpty()) {
            return dev.modelkeeper.core.team.StoreConfig.of(candidate.address(),
                    candidate.endpoint().isEmpty() ? null : candidate.endpoint(), candidate.accessKey(), typedSecret,
                    null, services.env());
        }
        return services.storage().config(candidate, services.env());
    }

    /** The saved store, connected (reads the secret: call off the FX thread). */
    TeamStore connect() throws OperationException {
        return connect(store);
    }

    /** A store with the saved keys (reads the secret: call off the FX thread). */
    TeamStore connect(SavedStore which) throws OperationException {
        return new TeamStore(services.storage().config(which, services.env()), services.http());
    }

    dev.modelkeeper.core.env.Environment env() {
        return services.env();
    }

    Executor worker() {
        return services.worker();
    }

    /** Pushes the row's revision (a repo row: its {@code main}, else its first ref, else its newest commit). */
    public void publish(ContentRow row) {
        Repo repo = row.repo();
        String revision = row.revision() != null ? row.revision().commitHash() : revisionOf(repo);
        var title = dev.modelkeeper.core.task.OperationTitles.of("store.push", repo.repoId(), revision);
        var op = new dev.modelkeeper.core.task.Operation<PushResult>() {
            @Override
            public dev.modelkeeper.core.task.Message title() {
                return title;
            }

            @Override
            public PushResult run(dev.modelkeeper.core.task.ProgressListener progress, Cancellation cancel)
                    throws OperationException {
                return new PushOperation(connect(), repo.repoPath().getParent(), repo.type(), repo.repoId(), revision,
                        false).run(progress, cancel);
            }
        };
        var task = new FxOperationTask<>(op, texts, new TransferRate(texts, System::nanoTime));
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            PushResult r = task.getValue();
            dialogs.notify(MessageFormat.format(texts.getString("team.published"), r.repoId(), r.uploaded(),
                    SizeFormat.bytes(r.bytesUploaded()), r.present()));
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            dialogs.error(MessageFormat.format(texts.getString("team.publish.failed"), repo.repoId(),
                    Errors.text(task.getException(), texts)), task.getException());
        });
        task.setOnCancelled(e -> tasks.remove(task));
        tasks.add(task);
        services.worker().execute(task);
    }

    static String revisionOf(Repo repo) {
        if (repo.refs().containsKey("main")) {
            return "main";
        }
        if (!repo.refs().isEmpty()) {
            return repo.refs().keySet().iterator().next();
        }
        return repo.revisions().isEmpty() ? "main" : repo.revisions().getFirst().commitHash();
    }
}
