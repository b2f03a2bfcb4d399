package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyFindingTexts;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

/**
 * The problems panel: every problem of {@link ProblemsModel}, errors first. Each entry names the repo and
 * file first, then says what is wrong and what fixing it does, wrapped in full. Double-click or Enter
 * shows the file in the Files tab; the context menu also offers Repair and the file manager.
 */
final class FindingsView extends ListView<VerifyFinding> {

    private final CacheContentViewModel model;
    private final ResourceBundle texts;
    private final VerifyFindingTexts findingTexts;
    private final Consumer<ContentRow> showInFiles;

    FindingsView(CacheContentViewModel model, Locale locale, Consumer<ContentRow> showInFiles) {
        super(model.verify().problems().problems());
        this.model = model;
        this.texts = model.texts();
        this.findingTexts = new VerifyFindingTexts(locale);
        this.showInFiles = showInFiles;
        setId("findings");
        var title = new Label(texts.getString("findings.none.title"));
        title.getStyleClass().add("empty-title");
        var sentence = new Label(texts.getString("findings.empty"));
        sentence.setWrapText(true);
        var placeholder = new VBox(title, sentence);
        placeholder.getChildren().addFirst(dev.modelkeeper.ui.theme.Icons.of(
                org.kordamp.ikonli.material2.Material2AL.CHECK_CIRCLE, "empty-icon", "good"));
        placeholder.setId("findings-none");
        placeholder.getStyleClass().add("empty-state");
        setPlaceholder(placeholder);
        setCellFactory(v -> new Cell());
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && getSelectionModel().getSelectedItem() != null) {
                show(getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
    }

    /** Selects the problem's file (or repo) in the Files tab. */
    void show(VerifyFinding f) {
        model.rowOf(f).ifPresent(showInFiles);
    }

    private final class Cell extends ListCell<VerifyFinding> {
        private final Label subject = new Label();
        private final Label message = new Label();
        private final Label repair = new Label();
        private final javafx.scene.layout.HBox buttons = new javafx.scene.layout.HBox(6);
        private final Label group = new Label();
        private final VBox box = new VBox(group, message, subject, repair, buttons);

        Cell() {
            setPrefWidth(0); // as wide as the list: long sentences wrap instead of being cut off
            // what is wrong first, then which repo and file, then what fixing does, then the buttons that do it
            group.getStyleClass().add("finding-group");
            group.managedProperty().bind(group.visibleProperty());
            message.getStyleClass().add("finding-subject");
            subject.getStyleClass().add("finding-file");
            repair.getStyleClass().add("finding-repair");
            box.getStyleClass().add("finding-card");
            for (Label l : new Label[] {subject, message, repair}) {
                l.setWrapText(true);
                l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
            setContextMenu(menu());
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
                    show(getItem());
                }
            });
        }

        @Override
        protected void updateItem(VerifyFinding f, boolean empty) {
            super.updateItem(f, empty);
            getStyleClass().removeIf(k -> k.startsWith("finding-"));
            if (empty || f == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            getStyleClass().add("finding-" + f.severity().name().toLowerCase(Locale.ROOT));
            showGroup(f);
            message.setText(findingTexts.severity(f.severity()) + " \u00b7 " + findingTexts.shortMessage(f));
            message.setGraphic(dev.modelkeeper.ui.theme.Icons.of(f.severity() == dev.modelkeeper.core.cache.Severity.ERROR
                    ? org.kordamp.ikonli.material2.Material2AL.ERROR : org.kordamp.ikonli.material2.Material2MZ.WARNING));
            subject.setText(findingTexts.subject(f));
            repair.setText(MessageFormat.format(texts.getString("findings.repair"), findingTexts.repair(f)));
            buttons.getChildren().setAll(buttonsFor(f));
            setTooltip(new javafx.scene.control.Tooltip(f.path().toString()));
            setGraphic(box);
        }

        /** The first problem of a repo carries its name and how many problems it has: the list is grouped by repo. */
        private void showGroup(VerifyFinding f) {
            var items = getListView().getItems();
            int i = getIndex();
            var repo = model.repoOf(f);
            java.util.function.Predicate<VerifyFinding> same = o -> model.repoOf(o).equals(repo)
                    && (repo.isPresent() || o.path().equals(f.path()));
            boolean first = i <= 0 || i > items.size() - 1 || !same.test(items.get(i - 1));
            group.setVisible(first);
            if (first) {
                long n = items.stream().filter(same).count();
                group.setText(MessageFormat.format(texts.getString("findings.group"),
                        repo.map(r -> r.repoId()).orElse(f.path().getFileName().toString()), n));
            }
        }

        /** The features' actions on the problem's repo (Repair ...), then Show in folder. */
        private List<javafx.scene.control.Button> buttonsFor(VerifyFinding f) {
            var repo = model.repoOf(f).map(ContentRow::of).orElse(null);
            var list = new java.util.ArrayList<javafx.scene.control.Button>();
            for (RowAction action : model.problemActions()) {
                var b = new javafx.scene.control.Button(texts.getString(action.labelKey()));
                b.setId("finding-button-" + action.labelKey().substring(action.labelKey().lastIndexOf('.') + 1));
                b.setDisable(repo == null || !action.enabledFor(repo));
                b.setOnAction(e -> action.run(repo));
                list.add(b);
            }
            var select = new javafx.scene.control.Button(texts.getString("findings.action.show"),
                    dev.modelkeeper.ui.theme.Icons.of(org.kordamp.ikonli.material2.Material2MZ.SEARCH));
            select.setId("finding-button-show");
            select.setDisable(model.rowOf(f).isEmpty());
            select.setOnAction(e -> show(f));
            list.add(select);
            var reveal = new javafx.scene.control.Button(texts.getString("content.action.reveal"),
                    dev.modelkeeper.ui.theme.Icons.of(org.kordamp.ikonli.material2.Material2AL.FOLDER_OPEN));
            reveal.setId("finding-button-reveal");
            reveal.setOnAction(e -> model.pathActions().reveal(model.fileOf(f)));
            list.add(reveal);
            list.forEach(b -> b.getStyleClass().add("small"));
            return list;
        }

        private ContextMenu menu() {
            var show = new MenuItem(texts.getString("findings.action.show"));
            show.setOnAction(e -> show(getItem()));
            var reveal = new MenuItem(texts.getString("content.action.reveal"));
            reveal.setOnAction(e -> model.pathActions().reveal(model.fileOf(getItem())));
            var menu = new ContextMenu(show, reveal); // a menu without items would not open at all
            menu.setOnShowing(e -> {
                boolean known = getItem() != null && model.rowOf(getItem()).isPresent();
                show.setDisable(!known);
                // the features' actions on the problem's repo, such as Repair
                var repo = getItem() == null ? null : model.repoOf(getItem()).map(ContentRow::of).orElse(null);
                var items = new java.util.ArrayList<MenuItem>(List.of(show));
                items.addAll(RowActionItems.of(model.problemActions(), repo, "finding-", texts));
                items.add(new SeparatorMenuItem());
                items.add(reveal);
                menu.getItems().setAll(items);
            });
            return menu;
        }
    }
}
