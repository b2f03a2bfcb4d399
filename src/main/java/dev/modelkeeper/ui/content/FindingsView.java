package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.FindingTexts;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.verify.VerifyFinding;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The problems panel: what verify found, grouped by severity (errors first). Each line says what is
 * wrong and, below, the repair that would fix it; the path is in the tooltip.
 */
final class FindingsView extends javafx.scene.layout.StackPane {

    private final ResourceBundle texts;
    private final FindingTexts findingTexts;
    private final TreeItem<Object> top = new TreeItem<>();
    private final TreeView<Object> tree = new TreeView<>(top);
    private final Label placeholder;

    FindingsView(CacheContentViewModel model, Locale locale) {
        this.texts = model.texts();
        this.findingTexts = new FindingTexts(locale);
        tree.setId("findings");
        tree.setShowRoot(false);
        placeholder = new Label(texts.getString("findings.empty"));
        placeholder.setWrapText(true);
        placeholder.setPadding(new javafx.geometry.Insets(20));
        getChildren().addAll(tree, placeholder);
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(k -> k.startsWith("finding-"));
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                } else if (item instanceof VerifyFinding f) {
                    setText(findingTexts.message(f.finding()) + "\n    "
                            + MessageFormat.format(texts.getString("findings.repair"), findingTexts.repair(f.finding())));
                    setTooltip(new javafx.scene.control.Tooltip(f.path().toString()));
                } else {
                    setText(item.toString());
                    setTooltip(null);
                    getStyleClass().add("finding-group");
                }
            }
        });
        model.verify().findings().addListener((ListChangeListener<VerifyFinding>) c -> rebuild(c.getList()));
    }

    private void rebuild(List<? extends VerifyFinding> findings) {
        top.getChildren().clear();
        for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            var group = findings.stream().filter(f -> f.severity() == s).toList();
            if (group.isEmpty()) {
                continue;
            }
            var node = new TreeItem<Object>(findingTexts.severity(s) + " (" + group.size() + ")");
            group.forEach(f -> node.getChildren().add(new TreeItem<>(f)));
            node.setExpanded(true);
            top.getChildren().add(node);
        }
        placeholder.setVisible(top.getChildren().isEmpty());
    }
}
