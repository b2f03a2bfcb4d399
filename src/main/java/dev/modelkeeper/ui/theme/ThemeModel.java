package dev.modelkeeper.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The theme the window shows: the user's choice (System, Light, Dark), and for System the desktop's
 * preference. Applies AtlantaFX's Primer pair as the user-agent stylesheet, so every control and every
 * colour our CSS looks up ({@code -color-fg-default} ...) changes with it.
 */
public final class ThemeModel {

    private final ObjectProperty<Theme> choice;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark");
    private final boolean desktopDark;

    /**
     * @param desktopDark what the desktop asked for, read before the window showed ({@link DesktopScheme})
     * @param save keeps the choice in the settings file
     */
    public ThemeModel(Theme initial, boolean desktopDark, Consumer<String> save) {
        this.choice = new SimpleObjectProperty<>(this, "choice", initial);
        this.desktopDark = desktopDark;
        choice.addListener((obs, old, now) -> {
            save.accept(now.key());
            apply();
        });
    }

    public ObjectProperty<Theme> choiceProperty() {
        return choice;
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public boolean isDark() {
        return dark.get();
    }

    /** Sets the stylesheet for the current choice, and follows the desktop's changes while on System. FX thread. */
    public void install() {
        Platform.getPreferences().colorSchemeProperty().addListener((obs, old, now) -> {
            if (choice.get() == Theme.SYSTEM) {
                apply();
            }
        });
        apply();
    }

    private void apply() {
        boolean wantDark = switch (choice.get()) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> desktopDark || Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        dark.set(wantDark);
        Application.setUserAgentStylesheet(wantDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
