package dev.modelkeeper.core.task;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A failure a user can act on. {@link #getMessage()} is one plain sentence saying what happened and
 * what to do; {@link #path()} names the file or folder involved, if any. Never carries a token or a
 * stack trace in its message.
 */
public class OperationException extends Exception {

    private final transient Path path;
    private final transient Message message;

    public OperationException(String message, Path path, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.message = null;
    }

    /** A failure whose sentence is a key and arguments: {@link #getMessage()} in the system language. */
    public OperationException(Message message, Path path, Throwable cause) {
        super(message.render(Locale.getDefault()), cause);
        this.path = path;
        this.message = message;
    }

    /** The sentence as a key and arguments, or null when it was written as text. */
    protected Message text() {
        return message;
    }

    /** The sentence in {@code locale} when it was given as a key, else as it was written. */
    public String message(Locale locale) {
        return message != null ? message.render(locale) : getMessage();
    }

    public OperationException(String message, Path path) {
        this(message, path, null);
    }

    public OperationException(String message) {
        this(message, null, null);
    }

    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }
}
