package dev.modelkeeper.ui.theme;

import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Font icons (Ikonli, Material Design 2): they take the theme's colours from CSS ({@code -fx-icon-color}
 * through the style class they are given), so none is drawn in a fixed colour.
 */
public final class Icons {

    private Icons() {
    }

    /** An icon with the style class {@code icon} plus the given ones. */
    public static FontIcon of(Ikon ikon, String... styleClasses) {
        var icon = new FontIcon(ikon);
        icon.getStyleClass().add("icon");
        icon.getStyleClass().addAll(styleClasses);
        return icon;
    }

    public static <T extends ButtonBase> T on(T button, Ikon ikon) {
        button.setGraphic(of(ikon));
        return button;
    }

    public static <T extends MenuItem> T on(T item, Ikon ikon) {
        item.setGraphic(of(ikon));
        return item;
    }

    /** A tooltip that names the keyboard shortcut too: "Refresh (F5)". */
    public static Tooltip tip(String text, String shortcut) {
        return new Tooltip(shortcut == null ? text : text + "  (" + shortcut + ")");
    }
}
