package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.Age;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/** Sizes and times as the window shows them. */
public final class Formats {

    private Formats() {
    }

    /** "1.2 GB": the one size style of ModelKeeper ({@link dev.modelkeeper.core.cache.SizeFormat#bytes}). */
    public static String size(long bytes) {
        return dev.modelkeeper.core.cache.SizeFormat.bytes(bytes);
    }

    /** "3 days ago" in the UI language. */
    public static String age(Instant then, Instant now, ResourceBundle texts) {
        Age age = Age.between(then, now);
        if (age.value() == 0) {
            return texts.getString("content.age.now");
        }
        String key = "content.age." + age.unit().name() + (age.value() == 1 ? ".one" : ".many");
        return MessageFormat.format(texts.getString(key), age.value());
    }

    /** Full local date and time, for tooltips. */
    public static String dateTime(Instant t, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault()).format(t);
    }
}
