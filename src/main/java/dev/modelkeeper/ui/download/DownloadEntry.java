package dev.modelkeeper.ui.download;

import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.ui.FxOperationTask;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One download of the queue: running (with its task) or paused (with the bytes it has on disk). */
public final class DownloadEntry {

    /** Where a download stands. */
    public enum State { RUNNING, PAUSED }

    private final DownloadRequest request;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.PAUSED);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyLongWrapper onDisk = new ReadOnlyLongWrapper();
    private FxOperationTask<DownloadPlan> task;

    DownloadEntry(DownloadRequest request) {
        this.request = request;
    }

    public DownloadRequest request() {
        return request;
    }

    public String title() {
        return request.repoId() + (request.revision().equals("main") ? "" : "@" + request.revision());
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** "12 MB of 3.4 GB · 45 MB/s · 1 min left" while running; "Paused · 47.7 MB downloaded" when paused. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** 0 to 1 while running (-1 while it lists files); -1 when paused. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Bytes of this download already in the cache as partial files (measured when it stopped). */
    public ReadOnlyLongProperty onDiskProperty() {
        return onDisk.getReadOnlyProperty();
    }

    FxOperationTask<DownloadPlan> task() {
        return task;
    }

    void running(FxOperationTask<DownloadPlan> task) {
        this.task = task;
        state.set(State.RUNNING);
        text.bind(task.messageProperty());
        progress.bind(task.progressProperty());
    }

    void paused(String pausedText) {
        text.unbind();
        progress.unbind();
        task = null;
        state.set(State.PAUSED);
        progress.set(-1);
        text.set(pausedText);
    }

    void measured(long bytes, String pausedText) {
        onDisk.set(bytes);
        if (state.get() == State.PAUSED) {
            text.set(pausedText);
        }
    }
}
