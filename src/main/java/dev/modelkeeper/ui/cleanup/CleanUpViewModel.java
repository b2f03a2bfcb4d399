package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.ui.content.Formats;
import java.text.MessageFormat;
import java.util.EnumSet;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Clean up" view without a scene graph: the safe wins with their sizes, each chosen or not, the total of
 * the chosen ones, and one command that runs them. Models not used for a while are real models: they are
 * offered but not chosen until the user ticks them. FX thread.
 */
public final class CleanUpViewModel {

    /** One kind of win as the view lists it. */
    public static final class Candidate {
        private final SafeWins.Win win;
        private final String label;
        private final long bytes;
        private final BooleanProperty chosen;

        Candidate(SafeWins.Win win, String label, long bytes, boolean chosen) {
            this.win = win;
            this.label = label;
            this.bytes = bytes;
            this.chosen = new SimpleBooleanProperty(chosen);
        }

        public SafeWins.Win win() {
            return win;
        }

        /** "2 partial downloads" */
        public String label() {
            return label;
        }

        public long bytes() {
            return bytes;
        }

        public String size() {
            return Formats.size(bytes);
        }

        public BooleanProperty chosenProperty() {
            return chosen;
        }
    }

    private final CleanupJobs jobs;
    private final ResourceBundle texts;
    private final ObservableList<Candidate> candidates = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper anyChosen = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper totalText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper refusedText = new ReadOnlyStringWrapper("");
    private SafeWins wins;

    CleanUpViewModel(CleanupJobs jobs, ResourceBundle texts) {
        this.jobs = jobs;
        this.texts = texts;
    }

    /** Plans in the background; the candidates appear when the plan is ready. */
    void load() {
        loading.set(true);
        jobs.planSafeWins(this::show);
    }

    private void show(SafeWins found) {
        wins = found;
        var list = found.amounts().entrySet().stream().map(this::candidate).toList();
        list.forEach(c -> c.chosenProperty().addListener((obs, was, now) -> sum()));
        candidates.setAll(list);
        refusedText.set(String.join("\n", new PlanLines(texts).refused(found.refused())));
        empty.set(list.isEmpty());
        loading.set(false);
        sum();
    }

    private Candidate candidate(Map.Entry<SafeWins.Win, SafeWins.Amount> e) {
        String label = MessageFormat.format(texts.getString("cleanup.win." + e.getKey().name()), e.getValue().count());
        return new Candidate(e.getKey(), label, e.getValue().bytes(), e.getKey() != SafeWins.Win.UNUSED);
    }

    private void sum() {
        total.set(candidates.stream().filter(c -> c.chosenProperty().get()).mapToLong(Candidate::bytes).sum());
        anyChosen.set(candidates.stream().anyMatch(c -> c.chosenProperty().get()));
        totalText.set(MessageFormat.format(texts.getString("cleanup.total"), Formats.size(total.get())));
    }

    /** Runs the chosen wins as one job; the view closes. */
    public void run() {
        Set<SafeWins.Win> chosen = chosen();
        if (wins == null || chosen.isEmpty()) {
            return;
        }
        var plan = wins.planFor(chosen);
        var dedupe = wins.dedupeFor(chosen);
        if (plan != null || dedupe != null) {
            jobs.runSafeWins(plan, dedupe);
        }
    }

    private Set<SafeWins.Win> chosen() {
        var chosen = EnumSet.noneOf(SafeWins.Win.class);
        candidates.stream().filter(c -> c.chosenProperty().get()).forEach(c -> chosen.add(c.win()));
        return chosen;
    }

    public ObservableList<Candidate> candidates() {
        return candidates;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True once the plan is ready and there is nothing to clean up. */
    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** Whether anything is chosen, so Clean up has something to do. */
    public ReadOnlyBooleanProperty anyChosenProperty() {
        return anyChosen.getReadOnlyProperty();
    }

    /** Bytes the chosen wins free. */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalTextProperty() {
        return totalText.getReadOnlyProperty();
    }

    /** The repos left alone and why (a download writes into them, a program has them open). */
    public ReadOnlyStringProperty refusedTextProperty() {
        return refusedText.getReadOnlyProperty();
    }

    public ResourceBundle texts() {
        return texts;
    }
}
