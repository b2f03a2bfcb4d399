package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.task.OperationException;
import java.nio.file.Path;

/** A migration that preflight would not start. Nothing on disk was changed. */
public final class MigrationRefused extends OperationException {

    /** Why; each has a sentence in {@link #getMessage()}. */
    public enum Reason {
        SOURCE_MISSING, SOURCE_NOT_A_FOLDER, SOURCE_IS_A_LINK, DESTINATION_INSIDE_SOURCE, SOURCE_INSIDE_DESTINATION,
        DESTINATION_NOT_EMPTY, DESTINATION_UNAVAILABLE, NO_PERMISSION, NOT_ENOUGH_SPACE, IN_USE, BUSY_IN_APP
    }

    private final Reason reason;

    public MigrationRefused(Reason reason, String message, Path path) {
        super(message + " Nothing was changed.", path);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
