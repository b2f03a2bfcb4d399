package dev.modelkeeper.ui.team;

import dev.modelkeeper.ui.content.ContentRow;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;

/**
 * The tree's "Team" column: "In team store" as a badge on repo rows of which the store holds a cached revision,
 * and on revision rows it holds; the tooltip names the store. Empty with no store or an unreachable one.
 */
public final class TeamColumn {

    private TeamColumn() {
    }

    public static TreeTableColumn<ContentRow, String> create(TeamViewModel model, ResourceBundle texts) {
        TeamHoldings holdings = model.holdings();
        var c = new TreeTableColumn<ContentRow, String>(texts.getString("team.col"));
        c.setId("col-team");
        c.setPrefWidth(110);
        c.setCellValueFactory(f -> {
            ContentRow row = f.getValue().getValue();
            return Bindings.createStringBinding(() -> held(holdings, row) ? texts.getString("team.badge") : "",
                    holdings.versionProperty());
        });
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().remove("badge-team");
                boolean shown = !empty && text != null && !text.isEmpty();
                setText(shown ? text : null);
                setTooltip(shown ? new Tooltip(holdings.address()) : null);
                if (shown) {
                    getStyleClass().add("badge-team");
                }
            }
        });
        return c;
    }

    static boolean held(TeamHoldings holdings, ContentRow row) {
        if (row == null || row.repo() == null) {
            return false;
        }
        if (row.isRepo()) {
            return holdings.holdsAny(row.repo());
        }
        return row.isRevision()
                && holdings.holds(row.repo().type(), row.repo().repoId(), row.revision().commitHash());
    }
}
