package dev.modelkeeper.ui;

import dev.modelkeeper.core.task.OperationException;
import java.util.Locale;
import java.util.ResourceBundle;

/** A failure's sentence in the window's language (core sentences given as keys are rendered in it). */
public final class Errors {

    private Errors() {
    }

    public static String text(Throwable t, ResourceBundle texts) {
        if (t == null) {
            return "";
        }
        return t instanceof OperationException e ? e.message(locale(texts)) : String.valueOf(t.getMessage());
    }

    /** The window's language (the base bundle is English). */
    public static Locale locale(ResourceBundle texts) {
        return texts.getLocale() == null || texts.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH
                : texts.getLocale();
    }
}
