package dev.modelkeeper.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The command line's user-facing texts ({@code cli/messages*.properties}). */
final class CliTexts {

    private final ResourceBundle bundle;
    private final Locale locale;

    CliTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("dev.modelkeeper.cli.messages", locale);
    }

    Locale locale() {
        return locale;
    }

    /** The bundle itself, for picocli's generated help. */
    ResourceBundle bundle() {
        return bundle;
    }

    String get(String key) {
        return bundle.getString(key);
    }

    String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }
}
