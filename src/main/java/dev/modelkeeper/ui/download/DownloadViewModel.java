package dev.modelkeeper.ui.download;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.ui.content.Formats;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Download model…" form: repo, type, revision, patterns and target cache, with a dry-run preview
 * of what would be fetched (already-cached blobs cost nothing). No scene graph here.
 */
public final class DownloadViewModel {

    private static final String REPO_ID = "[A-Za-z0-9][\\w.-]*(/[\\w.-]+)?";

    private final Function<DownloadRequest, Operation<DownloadPlan>> operations;
    private final Executor io;
    private final Executor fx;
    private final ResourceBundle texts;
    private final StringProperty repoId = new SimpleStringProperty("");
    private final ObjectProperty<RepoType> type = new SimpleObjectProperty<>(RepoType.MODEL);
    private final StringProperty revision = new SimpleStringProperty("main");
    private final StringProperty include = new SimpleStringProperty("");
    private final StringProperty exclude = new SimpleStringProperty("");
    private final ObjectProperty<CacheRoot> target = new SimpleObjectProperty<>();
    private final ObservableList<CacheRoot> targets = FXCollections.observableArrayList();
    private final StringProperty preview = new SimpleStringProperty("");
    private final BooleanProperty previewing = new SimpleBooleanProperty();
    private final BooleanProperty previewed = new SimpleBooleanProperty();
    private final StringProperty hint = new SimpleStringProperty();
    private final BooleanBinding valid;
    private final BooleanBinding downloadable;
    private Function<DownloadRequest, String> source = r -> "";

    public DownloadViewModel(List<CacheRoot> targets, Function<DownloadRequest, Operation<DownloadPlan>> operations,
                             Executor io, Executor fx, ResourceBundle texts) {
        this.operations = operations;
        this.io = io;
        this.fx = fx;
        this.texts = texts;
        this.targets.setAll(targets);
        target.set(targets.isEmpty() ? null : targets.getFirst());
        valid = Bindings.createBooleanBinding(() -> repoId.get().strip().matches(REPO_ID)
                && !revision.get().isBlank() && target.get() != null, repoId, revision, target);
        downloadable = valid.and(previewed).and(previewing.not());
        hint.set(texts.getString("download.hint.preview"));
        // what was previewed no longer describes the form: preview again before downloading
        javafx.beans.value.ChangeListener<Object> changed = (o, a, b) -> {
            preview.set("");
            previewed.set(false);
            hint.set(texts.getString("download.hint.preview"));
        };
        List.<javafx.beans.value.ObservableValue<?>>of(repoId, type, revision, include, exclude, target)
                .forEach(v -> v.addListener(changed));
    }

    /**
     * Says in the preview who will serve the download ("From the team store …", "From https://…"); asked off the
     * FX thread.
     */
    public DownloadViewModel withSource(Function<DownloadRequest, String> sentence) {
        this.source = sentence;
        return this;
    }

    public StringProperty repoIdProperty() {
        return repoId;
    }

    public ObjectProperty<RepoType> typeProperty() {
        return type;
    }

    public StringProperty revisionProperty() {
        return revision;
    }

    public StringProperty includeProperty() {
        return include;
    }

    public StringProperty excludeProperty() {
        return exclude;
    }

    public ObjectProperty<CacheRoot> targetProperty() {
        return target;
    }

    public ObservableList<CacheRoot> targets() {
        return targets;
    }

    public StringProperty previewProperty() {
        return preview;
    }

    public BooleanProperty previewingProperty() {
        return previewing;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** True once a preview of exactly this form succeeded: only then may the download start. */
    public BooleanBinding downloadableProperty() {
        return downloadable;
    }

    /** Why Download is not available yet (empty when it is). */
    public StringProperty hintProperty() {
        return hint;
    }

    public DownloadRequest request(boolean dryRun) {
        return new DownloadRequest(type.get(), repoId.get().strip(), revision.get().strip(), patterns(include.get()),
                patterns(exclude.get()), target.get().path(), dryRun);
    }

    /** Lists the files and the bytes still to fetch, in the background. */
    public void preview() {
        if (!valid.get()) {
            return;
        }
        var request = request(true);
        var op = operations.apply(request);
        var who = source;
        previewing.set(true);
        preview.set(texts.getString("download.previewing"));
        io.execute(() -> {
            String text;
            boolean ok;
            try {
                DownloadPlan plan = op.run(ProgressListener.NONE, Cancellation.create());
                text = MessageFormat.format(texts.getString("download.preview"), plan.files().size(),
                        Formats.size(plan.bytesToFetch()), plan.count(DownloadPlan.Action.PRESENT)
                                + plan.count(DownloadPlan.Action.LINK));
                String from = who.apply(request);
                text = from == null || from.isEmpty() ? text : text + "\n" + from;
                ok = true;
            } catch (OperationException e) {
                text = dev.modelkeeper.ui.Errors.text(e, texts);
                ok = false;
            }
            String shown = text;
            boolean succeeded = ok;
            fx.execute(() -> {
                preview.set(shown);
                previewed.set(succeeded);
                hint.set(succeeded ? "" : texts.getString("download.hint.failed"));
                previewing.set(false);
            });
        });
    }

    /** "*.safetensors, config.json" or space separated. */
    static List<String> patterns(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
