package dev.modelkeeper.core.task;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A failure a user can act on. {@link #getMessage()} is one plain sentence saying what happened and
 * what to do; {@link #path()} names the file or folder involved, if any. Never carries a token or a
 * stack trace in its message.
 */
public class OperationException extends Exception {

    private final transient Path path;

    public OperationException(String message, Path path, Throwable cause) {
        super(message, cause);
        this.path = path;
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
