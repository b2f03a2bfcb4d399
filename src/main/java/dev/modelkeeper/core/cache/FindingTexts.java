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
        this.bundle = ResourceBundle.getBundle("dev.modelkeeper.core.findings", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
    }

    public String message(Finding f) {
        return format("finding." + f.kind().name(), f);
    }

    /** What is wrong, with {@code subject} (the repo and file, say) in place of the path. */
    public String message(Finding f, String subject) {
        return format("finding." + f.kind().name(), f, subject);
    }

    /** Whether the sentence for this kind names its path (else a subject goes in front of it). */
    public boolean namesPath(FindingKind kind) {
        try {
            return bundle.getString("finding." + kind.name()).contains("{0}");
        } catch (MissingResourceException e) {
            return true;
        }
    }

    /** A pattern of this bundle filled in ({@code subject.*} and the like). */
    public String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    public String repair(Finding f) {
        return format("repair." + f.kind().name(), f);
    }

    /** Short label for a severity ("Error", "错误"). */
    public String severity(Severity s) {
        return bundle.getString("severity." + s.name());
    }

    private String format(String key, Finding f) {
        return format(key, f, f.path().toString());
    }

    private String format(String key, Finding f, String subject) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(new Object[] {subject, f.detail()});
        } catch (MissingResourceException e) {
            return f.kind().name() + ": " + f.path();
        }
    }
}
