package dev.modelkeeper.core.cache;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Plain-sentence texts for findings: what is wrong ({@code finding.<KIND>}) and what would fix it
 * ({@code repair.<KIND>}), in English and Simplified Chinese. {@code {0}} is the path, {@code {1}} the detail.
 */
public final class FindingTexts {

    private final ResourceBundle bundle;
    private final Locale locale;

    public FindingTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("dev.modelkeeper.core.findings", locale);
    }

    public String message(Finding f) {
        return format("finding." + f.kind().name(), f);
    }

    public String repair(Finding f) {
        return format("repair." + f.kind().name(), f);
    }

    /** Short label for a severity ("Error", "错误"). */
    public String severity(Severity s) {
        return bundle.getString("severity." + s.name());
    }

    private String format(String key, Finding f) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(new Object[] {f.path().toString(), f.detail()});
        } catch (MissingResourceException e) {
            return f.kind().name() + ": " + f.path();
        }
    }
}
