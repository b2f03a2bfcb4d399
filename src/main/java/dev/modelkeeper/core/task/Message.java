package dev.modelkeeper.core.task;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A sentence of core as a key and its arguments, rendered in whatever language the reader chose: the
 * command line renders it in the system language, the window in the language picked in View, and a
 * switch of language renders it again. An argument that is itself a {@code Message} is rendered in the
 * same language.
 *
 * @param bundle the resource bundle's base name
 * @param key    the key in it
 * @param args   the arguments of its {@code {n}} placeholders
 */
public record Message(String bundle, String key, Object... args) {

    public Message {
        args = args.clone();
    }

    public String render(Locale locale) {
        // no fallback to the system language: English asked on a Chinese system is the (English) base bundle
        var texts = ResourceBundle.getBundle(bundle, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
        Object[] rendered = Arrays.stream(args).map(a -> a instanceof Message m ? m.render(locale) : a).toArray();
        return new MessageFormat(texts.getString(key), locale).format(rendered);
    }

    @Override
    public String toString() {
        return render(Locale.getDefault());
    }
}
