package dev.modelkeeper.ui;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * Tells the user, with a desktop notification, that background work ended while they were in another
 * window: a download finished or failed, a verify found problems, a move finished. Nothing is shown while
 * the window has the focus: there the job lines say it. A job whose feature announces its own success (the
 * download queue's "Downloaded org/name") gets no second, vaguer "Finished." here.
 */
final class JobNotifications {

    private final ResourceBundle texts;
    private final BooleanSupplier windowFocused;
    private final IntSupplier problems;
    private final java.util.function.Predicate<Task<?>> announcedElsewhere;
    private final BiConsumer<String, String> notifier;

    /**
     * @param problems how many problems are known now (a job that raised it found some)
     * @param announcedElsewhere whether a task's success is already announced by its feature (a queued download)
     * @param notifier shows a title and a sentence (ControlsFX {@code Notifications} in the window)
     */
    JobNotifications(ObservableList<Task<?>> tasks, ResourceBundle texts, BooleanSupplier windowFocused,
                     IntSupplier problems, java.util.function.Predicate<Task<?>> announcedElsewhere,
                     BiConsumer<String, String> notifier) {
        this.texts = texts;
        this.windowFocused = windowFocused;
        this.problems = problems;
        this.announcedElsewhere = announcedElsewhere;
        this.notifier = notifier;
        tasks.forEach(this::watch);
        tasks.addListener((ListChangeListener<Task<?>>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::watch);
            }
        });
    }

    private void watch(Task<?> task) {
        if (task instanceof FxOperationTask<?> f && !f.isTransfer()) {
            return; // a scan (every Refresh, the rescan after each download) is no news worth a notification
        }
        int before = problems.getAsInt();
        boolean successAnnounced = announcedElsewhere.test(task); // asked now: the queue forgets it as it ends
        task.stateProperty().addListener((obs, old, state) -> ended(task, state, before, successAnnounced));
    }

    private void ended(Task<?> task, Worker.State state, int problemsBefore, boolean successAnnounced) {
        if (windowFocused.getAsBoolean() || (state != Worker.State.SUCCEEDED && state != Worker.State.FAILED)
                || (state == Worker.State.SUCCEEDED && successAnnounced)) {
            return;
        }
        String title = task.getTitle() == null || task.getTitle().isBlank() ? "ModelKeeper" : task.getTitle();
        int found = problems.getAsInt() - problemsBefore;
        String text = state == Worker.State.FAILED
                ? MessageFormat.format(texts.getString("notify.failed"), task.getException() == null ? ""
                        : String.valueOf(task.getException().getMessage()))
                : found > 0 ? MessageFormat.format(texts.getString("notify.problems"), found)
                : texts.getString("notify.finished");
        notifier.accept(title, text);
    }
}
