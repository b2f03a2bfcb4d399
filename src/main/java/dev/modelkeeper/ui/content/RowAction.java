package dev.modelkeeper.ui.content;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One entry of a row's context menu that a feature contributes (verify, repair, and later cleanup or the
 * team store): its label, when it is offered, and what it does with the row. Runs on the FX thread.
 */
public interface RowAction {

    /** The message key of the menu entry's text. */
    String labelKey();

    /** Whether the entry is enabled for this row (asked each time the menu opens). */
    default boolean enabledFor(ContentRow row) {
        return true;
    }

    /** Does the action for the row the menu was opened on. */
    void run(ContentRow row);

    /**
     * The key that does the action on the tree's selected row, as {@code KeyCombination} reads it ("Delete"),
     * or null for none.
     */
    default String key() {
        return null;
    }

    /** An action that a key does too, on the selected row. */
    static RowAction of(String labelKey, String key, Predicate<ContentRow> enabled, Consumer<ContentRow> action) {
        return new Parts(labelKey, key, enabled, action);
    }

    /** An action from its parts. */
    static RowAction of(String labelKey, Predicate<ContentRow> enabled, Consumer<ContentRow> action) {
        return new Parts(labelKey, null, enabled, action);
    }

    /** The action {@link #of} builds. */
    record Parts(String labelKey, String key, Predicate<ContentRow> enabled, Consumer<ContentRow> action)
            implements RowAction {

        @Override
        public boolean enabledFor(ContentRow row) {
            return enabled.test(row);
        }

        @Override
        public void run(ContentRow row) {
            action.accept(row);
        }
    }
}
