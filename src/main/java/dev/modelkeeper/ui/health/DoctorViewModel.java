package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.health.Diagnosis;
import dev.modelkeeper.core.health.Finding;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Health tab's doctor (issue #16): runs {@link dev.modelkeeper.core.health.Doctor} on a background executor,
 * once after the window's first scan and again on "Run checks", and keeps the problems it found. Sentences stay
 * {@link dev.modelkeeper.core.task.Message}s: the view renders them in the window's language.
 */
public final class DoctorViewModel {

    private final Supplier<Diagnosis> doctor;
    private final Executor executor;
    private final Executor fx;
    private final ObservableList<Finding> problems = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty done = new SimpleBooleanProperty();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private boolean started;

    /**
     * @param doctor   one run of the doctor (it reads the machine; called on {@code executor})
     * @param executor where the doctor runs, never the FX thread
     * @param fx       the way back to the FX thread
     */
    private final java.nio.file.Path home;

    public DoctorViewModel(Supplier<Diagnosis> doctor, Executor executor, Executor fx) {
        this(doctor, executor, fx, null);
    }

    /** With the user's home, where a safe fix writes (the login environment); null offers no fix. */
    public DoctorViewModel(Supplier<Diagnosis> doctor, Executor executor, Executor fx, java.nio.file.Path home) {
        this.doctor = doctor;
        this.executor = executor;
        this.fx = fx;
        this.home = home;
    }

    /** Whether the window may offer a button that carries out this finding's fix. */
    public boolean canFix(Finding finding) {
        return home != null && dev.modelkeeper.core.health.SafeFix.offered(finding);
    }

    /** Carries out a safe fix in the background, then runs the checks again (the finding goes, or says why not). */
    public void fix(Finding finding) {
        if (!canFix(finding) || running.get()) {
            return;
        }
        running.set(true);
        executor.execute(() -> {
            Throwable error = null;
            try {
                dev.modelkeeper.core.health.SafeFix.apply(finding, home);
            } catch (java.io.IOException | RuntimeException e) {
                error = e;
            }
            Throwable failed = error;
            fx.execute(() -> {
                running.set(false);
                failure.set(failed);
                if (failed == null) {
                    run();
                }
            });
        });
    }

    /** A scan finished: the first one starts the checks, the later ones leave them to "Run checks". */
    void scanned() {
        if (!started) {
            run();
        }
    }

    /** Runs the checks again unless they are running. */
    public void run() {
        if (running.get()) {
            return;
        }
        started = true;
        running.set(true);
        try {
            executor.execute(() -> {
                Diagnosis found = null;
                Throwable error = null;
                try {
                    found = doctor.get();
                } catch (RuntimeException e) {
                    error = e;
                }
                Diagnosis result = found;
                Throwable failed = error;
                fx.execute(() -> finished(result, failed));
            });
        } catch (RejectedExecutionException e) { // the window is closing
            running.set(false);
        }
    }

    private void finished(Diagnosis diagnosis, Throwable error) {
        failure.set(error);
        if (diagnosis != null) {
            problems.setAll(diagnosis.findings().stream().filter(Finding::isProblem).toList());
        }
        running.set(false);
        done.set(true);
    }

    /** The warnings and errors of the last run, in the doctor's order. */
    public ObservableList<Finding> problems() {
        return problems;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** Whether a run has finished (before it, the tab says the checks run after the first scan). */
    public ReadOnlyBooleanProperty doneProperty() {
        return done;
    }

    /** Why the last run failed, or null. */
    public ReadOnlyObjectProperty<Throwable> failureProperty() {
        return failure;
    }
}
