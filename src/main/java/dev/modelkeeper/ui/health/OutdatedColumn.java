package dev.modelkeeper.ui.health;

import dev.modelkeeper.ui.content.ContentRow;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;

/** The tree's "Updates" column: on repo rows, "Outdated" as a badge (with what changed) or "Up to date". */
public final class OutdatedColumn {

    private OutdatedColumn() {
    }

    public static TreeTableColumn<ContentRow, String> create(OutdatedViewModel model, ResourceBundle texts) {
        var c = new TreeTableColumn<ContentRow, String>(texts.getString("health.col.outdated"));
        c.setId("col-outdated");
        c.setPrefWidth(95);
        c.setCellValueFactory(f -> {
            ContentRow row = f.getValue().getValue();
            return Bindings.createStringBinding(() -> row.isRepo() ? model.text(row.repo()) : "",
                    model.changesProperty());
        });
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().removeIf(k -> k.startsWith("outdated-"));
                ContentRow row = empty ? null : getTableRow().getItem();
                boolean shown = row != null && row.isRepo() && text != null && !text.isEmpty();
                setText(shown ? text : null);
                setTooltip(shown ? new Tooltip(model.details(row.repo())) : null);
                if (shown) {
                    getStyleClass().add("outdated-" + model.stateOf(row.repo()).name().toLowerCase(Locale.ROOT));
                }
            }
        });
        return c;
    }
}
