package dev.modelkeeper.ui.theme;

import java.util.Locale;

/** The window's colours as the user chose them in View → Theme. */
public enum Theme {
    SYSTEM, LIGHT, DARK;

    /** The stored name ({@code system}, {@code light}, {@code dark}); anything else follows the desktop. */
    public static Theme of(String name) {
        for (Theme t : values()) {
            if (t.key().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return t;
            }
        }
        return SYSTEM;
    }

    /** The name kept in the settings file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
