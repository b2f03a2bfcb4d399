package dev.modelkeeper.ui.content;

import java.util.List;
import java.util.ResourceBundle;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/** The menu entries of the actions features added, for one row; built each time a menu opens. */
final class RowActionItems {

    private RowActionItems() {
    }

    /**
     * One entry per action, with the id {@code idPrefix} + the last part of its label key (so
     * "content.action.repair" is "row-repair" in a row's menu); disabled when {@code row} is null or the
     * action is not for it.
     */
    static List<MenuItem> of(List<RowAction> actions, ContentRow row, String idPrefix, ResourceBundle texts) {
        return actions.stream().map(action -> {
            var item = new MenuItem(texts.getString(action.labelKey()));
            item.setId(idPrefix + action.labelKey().substring(action.labelKey().lastIndexOf('.') + 1));
            item.setDisable(row == null || !action.enabledFor(row));
            item.setOnAction(e -> action.run(row));
            return item;
        }).toList();
    }

    /** Runs the first action whose key the event is and that is for {@code row}; true when one ran. */
    static boolean runForKey(List<RowAction> actions, ContentRow row, KeyEvent event) {
        for (RowAction action : actions) {
            if (action.key() != null && KeyCombination.valueOf(action.key()).match(event) && action.enabledFor(row)) {
                action.run(row);
                return true;
            }
        }
        return false;
    }
}
