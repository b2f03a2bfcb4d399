package dev.modelkeeper.ui.roots;

import dev.modelkeeper.ui.content.Formats;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** A sidebar card: name, path, origin, filesystem usage bar, cache size and badges. */
final class RootCell extends ListCell<RootItemViewModel> {

    private final ResourceBundle texts;
    private final Label title = new Label();
    private final Label path = new Label();
    private final Label origin = new Label();
    private final ProgressBar usage = new ProgressBar();
    private final Label usageText = new Label();
    private final FlowPane badges = new FlowPane(4, 4);
    private final VBox card = new VBox(3, title, path, origin, usage, usageText, badges);
    private final Runnable resized;
    private final InvalidationListener refresh = o -> fill(getItem());

    /** @param resized told when the card's content changed (its height may have) */
    RootCell(ResourceBundle texts, Runnable resized) {
        this.texts = texts;
        this.resized = resized;
        card.getStyleClass().add("root-card");
        title.getStyleClass().add("root-title");
        path.getStyleClass().add("root-path");
        origin.getStyleClass().add("root-origin");
        usageText.getStyleClass().add("root-usage");
        usage.setMaxWidth(Double.MAX_VALUE);
        usage.setMinHeight(8); // the theme's bar is otherwise as thin as the card lets it be
        usage.setPrefHeight(8);
        usage.getStyleClass().add("usage-bar");
        setPrefWidth(0); // never wider than the list: long paths are cut, not scrolled
        path.setMinWidth(0);
        // a card can be dragged onto a disk in the "Move to" list (as its folder, like from a file manager)
        setOnDragDetected(e -> {
            if (getItem() != null && !getItem().isAll()) {
                var board = startDragAndDrop(javafx.scene.input.TransferMode.MOVE);
                var content = new javafx.scene.input.ClipboardContent();
                content.putFiles(java.util.List.of(getItem().root().path().toFile()));
                board.setContent(content);
                e.consume();
            }
        });
    }

    /**
     * The height this card needs at the list's width (a ListCell's own pref height does not ask its graphic with a
     * width, so wrapped lines would not count).
     */
    double cardHeight(double listWidth) {
        double inner = listWidth <= 0 ? -1 : listWidth - snappedLeftInset() - snappedRightInset() - 16; // scroll bar
        return snappedTopInset() + snappedBottomInset() + card.prefHeight(inner);
    }

    @Override
    protected void updateItem(RootItemViewModel item, boolean empty) {
        RootItemViewModel old = getItem();
        if (old != null) {
            old.scanProperty().removeListener(refresh);
            old.scanningProperty().removeListener(refresh);
            old.problemsChanged().removeListener(refresh);
            old.limitsProperty().removeListener(refresh);
        }
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        item.scanProperty().addListener(refresh);
        item.scanningProperty().addListener(refresh);
        item.problemsChanged().addListener(refresh);
        item.limitsProperty().addListener(refresh);
        fill(item);
        setGraphic(card);
    }

    private void fill(RootItemViewModel item) {
        if (item == null) {
            return;
        }
        if (item.isAll()) {
            title.setText(texts.getString("roots.all"));
            title.setGraphic(dev.modelkeeper.ui.theme.Icons.of(org.kordamp.ikonli.material2.Material2AL.APPS));
            card.getChildren().setAll(title);
            return;
        }
        card.getChildren().setAll(title, path, origin, usage, usageText, badges);
        var root = item.root();
        title.setText(texts.getString("kind." + root.kind().name()));
        title.setGraphic(dev.modelkeeper.ui.theme.Icons.of(org.kordamp.ikonli.material2.Material2AL.FOLDER));
        path.setText(root.path().toString());
        path.setTooltip(new Tooltip(root.path().toString()));
        origin.setText((root.variable() != null ? MessageFormat.format(texts.getString("roots.origin.variable"),
                root.variable()) : texts.getString("roots.origin." + root.origin().name()))
                + (item.linkTarget() != null ? "\n" + MessageFormat.format(texts.getString("roots.linked"),
                        item.linkTarget()) : ""));
        origin.setWrapText(true);
        double used = item.usage();
        usage.setProgress(used < 0 ? 0 : used);
        usage.getStyleClass().removeAll("usage-high", "usage-full");
        if (used >= 0.95) {
            usage.getStyleClass().add("usage-full");
        } else if (used >= 0.8) {
            usage.getStyleClass().add("usage-high");
        }
        usage.setVisible(used >= 0);
        usage.setManaged(used >= 0);
        var fs = item.fileSystem();
        usageText.setText(item.scanningProperty().get() && item.scanProperty().get() == null
                ? texts.getString("roots.scanning")
                : fs == null ? "" : MessageFormat.format(texts.getString("roots.usage"), Formats.size(item.size()),
                        Formats.size(fs.usableBytes()), Formats.size(fs.totalBytes()))
                        + (item.partialBytes() == 0 ? "" : MessageFormat.format(texts.getString("roots.partial"),
                                Formats.size(item.partialBytes()))));
        badges.getChildren().setAll(item.badges().stream().map(b -> badge(item, b)).toList());
        resized.run();
    }

    private Label badge(RootItemViewModel item, RootItemViewModel.Badge b) {
        String text = b == RootItemViewModel.Badge.PROBLEMS
                ? MessageFormat.format(texts.getString("roots.badge.PROBLEMS"), item.problemCount())
                : texts.getString("roots.badge." + b.name());
        var l = new Label(text, dev.modelkeeper.ui.theme.Icons.of(switch (b) {
            case OFFLINE -> org.kordamp.ikonli.material2.Material2AL.CLOUD_OFF;
            case NOT_CREATED -> org.kordamp.ikonli.material2.Material2AL.HOURGLASS_EMPTY;
            case EPHEMERAL -> org.kordamp.ikonli.material2.Material2MZ.TIMELAPSE;
            case NETWORK -> org.kordamp.ikonli.material2.Material2AL.DNS;
            case PROBLEMS -> org.kordamp.ikonli.material2.Material2MZ.REPORT_PROBLEM;
            case LIMIT -> org.kordamp.ikonli.material2.Material2AL.DATA_USAGE;
        }));
        l.getStyleClass().addAll("badge", "badge-" + b.name().toLowerCase(java.util.Locale.ROOT));
        l.setTooltip(new Tooltip(texts.getString("roots.badge." + b.name() + ".tip")));
        return l;
    }
}
