package dev.modelkeeper.ui;

import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The window's texts in the language picked in View, switchable while the window is open. Every view and view
 * model holds this one bundle, so a text looked up after a switch is in the new language; what was already
 * shown is rebuilt by whoever listens to {@link #localeProperty()}. The bundles load without falling back to
 * the system language: English picked on a Chinese system is English.
 */
public final class LiveTexts extends ResourceBundle {

    /** The window's texts' base name. */
    public static final String BUNDLE = "dev.modelkeeper.ui.messages";

    private volatile ResourceBundle current;
    private final ReadOnlyObjectWrapper<Locale> locale = new ReadOnlyObjectWrapper<>();

    public LiveTexts(Locale locale) {
        current = load(locale);
        this.locale.set(locale);
    }

    private static ResourceBundle load(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
    }

    /** Switches the language; call on the FX thread (listeners rebuild what is shown). */
    public void switchTo(Locale newLocale) {
        current = load(newLocale);
        locale.set(newLocale);
    }

    /** The language asked for, e.g. zh-CN or en: changes on a switch. */
    public ReadOnlyObjectProperty<Locale> localeProperty() {
        return locale.getReadOnlyProperty();
    }

    /** The locale of the bundle in use: the root locale for the English base bundle. */
    @Override
    public Locale getLocale() {
        return current.getLocale();
    }

    @Override
    protected Object handleGetObject(String key) {
        return current.getObject(key);
    }

    @Override
    public Enumeration<String> getKeys() {
        return current.getKeys();
    }
}
