package dev.modelkeeper.ui.cleanup;

import java.util.ResourceBundle;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** "Clean up": the safe wins with a checkbox and a size each, their total, and one button that runs them. */
public final class CleanUpView extends BorderPane {

    private final CleanUpViewModel model;
    private final ResourceBundle texts;
    private final Runnable close;
    private VBox list;
    private Label empty;
    private ProgressIndicator loading;
    private Label total;
    private Label refused;
    private Button run;
    private VBox footer;

    /** @param close what closes the view once the job started */
    public CleanUpView(CleanUpViewModel model, Runnable close) {
        this.model = model;
        this.texts = model.texts();
        this.close = close;
        setId("cleanup-view");
        createParts();
        layoutParts();
        bindToModel();
    }

    private void createParts() {
        list = new VBox(8);
        list.setId("cleanup-wins");
        empty = new Label(texts.getString("cleanup.empty"));
        empty.setId("cleanup-empty");
        empty.getStyleClass().add("title-4");
        loading = new ProgressIndicator();
        loading.setMaxSize(40, 40);
        total = new Label();
        total.setId("cleanup-total");
        total.getStyleClass().add("text-bold");
        refused = new Label();
        refused.setWrapText(true);
        refused.getStyleClass().add("text-muted");
        run = new Button(texts.getString("cleanup.run"));
        run.setId("cleanup-run");
        run.getStyleClass().add("accent");
        run.setDefaultButton(true);
        run.setOnAction(e -> {
            model.run();
            close.run();
        });
    }

    private void layoutParts() {
        var intro = new Label(texts.getString("cleanup.intro"));
        intro.setWrapText(true);
        setTop(intro);
        setCenter(new StackPane(list, empty, loading));
        var note = new Label(texts.getString("cleanup.permanentNote"));
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(10, total, spacer, run);
        bar.setAlignment(Pos.CENTER_LEFT);
        footer = new VBox(8, refused, note, bar);
        setBottom(footer);
        BorderPane.setMargin(getCenter(), new Insets(12, 0, 12, 0));
        setPadding(new Insets(4));
        setPrefWidth(520);
    }

    private void bindToModel() {
        empty.visibleProperty().bind(model.emptyProperty());
        loading.visibleProperty().bind(model.loadingProperty());
        total.textProperty().bind(model.totalTextProperty());
        total.visibleProperty().bind(model.loadingProperty().not());
        footer.visibleProperty().bind(model.emptyProperty().not()); // nothing to clean up: nothing to press
        footer.managedProperty().bind(footer.visibleProperty());
        refused.textProperty().bind(model.refusedTextProperty());
        refused.managedProperty().bind(refused.textProperty().isNotEmpty());
        run.disableProperty().bind(model.anyChosenProperty().not().or(model.loadingProperty()));
        model.candidates().addListener((ListChangeListener<CleanUpViewModel.Candidate>) c -> fill());
        fill();
    }

    private void fill() {
        list.getChildren().setAll(model.candidates().stream().map(this::row).toList());
    }

    private HBox row(CleanUpViewModel.Candidate candidate) {
        var check = new CheckBox(candidate.label());
        check.setId("win-" + candidate.win().name());
        check.selectedProperty().bindBidirectional(candidate.chosenProperty());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var size = new Label(candidate.size());
        size.setId("win-size-" + candidate.win().name());
        size.getStyleClass().add("numeric");
        var row = new HBox(8, check, spacer, size);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
