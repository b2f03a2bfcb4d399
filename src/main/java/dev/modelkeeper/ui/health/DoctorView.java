package dev.modelkeeper.ui.health;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.health.Finding;
import dev.modelkeeper.ui.Errors;
import dev.modelkeeper.ui.theme.Icons;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Health tab: "Run checks" with a busy indicator, then one card per problem the doctor found: its severity
 * icon, the sentence, and "Fix: …" with Copy, and Apply where core can carry the fix out safely ({@code SafeFix});
 * the sentences and fixes are in the window's language.
 */
public final class DoctorView extends BorderPane {

    private final DoctorViewModel model;
    private final ResourceBundle texts;
    private final Locale locale;
    private final VBox cards = new VBox(8);
    private final Label summary = new Label();
    private final InvalidationListener rerender = o -> render();

    public DoctorView(DoctorViewModel model, ResourceBundle texts) {
        this.model = model;
        this.texts = texts;
        this.locale = Errors.locale(texts);
        setId("health");
        var run = Icons.on(new Button(texts.getString("health.doctor.run")), Material2MZ.PLAY_ARROW);
        run.setId("health-run");
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        var busy = new ProgressIndicator();
        busy.setId("health-busy");
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.runningProperty());
        summary.setId("health-summary");
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(10, summary, spacer, busy, run);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        cards.setPadding(new Insets(8));
        cards.setFillWidth(true);
        var scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        setTop(bar);
        setCenter(scroll);
        // weakly: a language switch builds a new view of the same model, and the old one must not be kept
        var weak = new WeakInvalidationListener(rerender);
        model.problems().addListener(weak);
        model.doneProperty().addListener(weak);
        model.runningProperty().addListener(weak);
        model.failureProperty().addListener(weak);
        render();
    }

    private void render() {
        var failure = model.failureProperty().get();
        if (model.runningProperty().get()) {
            summary.setText(texts.getString("health.doctor.running"));
        } else if (failure != null) {
            summary.setText(MessageFormat.format(texts.getString("health.doctor.failed"), Errors.text(failure, texts)));
        } else if (model.doneProperty().get()) {
            summary.setText(MessageFormat.format(texts.getString("health.doctor.summary"), model.problems().size()));
        } else {
            summary.setText(texts.getString("health.doctor.notYet"));
        }
        if (model.doneProperty().get() && model.problems().isEmpty() && failure == null) {
            cards.getChildren().setAll(emptyState());
        } else {
            cards.getChildren().setAll(model.problems().stream().map(this::card).toList());
        }
    }

    /** The tab's title: "Health", with the number of problems when there are some. */
    public static javafx.beans.binding.StringBinding title(DoctorViewModel model, ResourceBundle texts) {
        return javafx.beans.binding.Bindings.createStringBinding(() -> MessageFormat.format(
                texts.getString("health.doctor.tab"), model.problems().size()), model.problems());
    }

    private Node emptyState() {
        var title = new Label(texts.getString("health.doctor.none.title"));
        title.getStyleClass().add("empty-title");
        var sentence = new Label(texts.getString("health.doctor.none"));
        sentence.setWrapText(true);
        var box = new VBox(Icons.of(Material2AL.CHECK_CIRCLE, "empty-icon", "good"), title, sentence);
        box.setId("health-none");
        box.getStyleClass().add("empty-state");
        return box;
    }

    private Node card(Finding f) {
        String id = f.code().replace('.', '-');
        var sentence = new Label(f.sentence().render(locale));
        sentence.getStyleClass().addAll("finding-subject", "health-sentence");
        sentence.setWrapText(true);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        sentence.setGraphic(Icons.of(f.severity() == Severity.ERROR ? Material2AL.ERROR : Material2MZ.WARNING));
        var card = new VBox(6, sentence);
        f.fixMessage().ifPresent(fixMessage -> {
            String fix = fixMessage.render(locale);
            var text = new Label(MessageFormat.format(texts.getString("health.doctor.fix"), fix));
            text.getStyleClass().addAll("finding-repair", "health-fix");
            text.setWrapText(true);
            text.setMinHeight(Region.USE_PREF_SIZE);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            var copy = Icons.on(new Button(texts.getString("health.doctor.copy")), Material2AL.CONTENT_COPY);
            copy.setId("health-copy-" + id);
            copy.setOnAction(e -> {
                var content = new ClipboardContent();
                content.putString(fix);
                Clipboard.getSystemClipboard().setContent(content);
            });
            var row = new HBox(8, text, copy);
            if (model.canFix(f)) { // a fix that changes nothing one could lose: one click
                var apply = Icons.on(new Button(texts.getString("health.doctor.apply")), Material2AL.BUILD);
                apply.setId("health-apply-" + id);
                apply.disableProperty().bind(model.runningProperty());
                apply.setOnAction(e -> model.fix(f));
                row.getChildren().add(apply);
            }
            row.setAlignment(Pos.CENTER_LEFT);
            card.getChildren().add(row);
        });
        f.pathIfAny().ifPresent(p -> javafx.scene.control.Tooltip.install(card, new javafx.scene.control.Tooltip(p.toString())));
        card.setId("health-card-" + id);
        card.getStyleClass().addAll("finding-card", "finding-" + f.severity().name().toLowerCase(Locale.ROOT));
        card.setPadding(new Insets(8));
        return card;
    }
}
