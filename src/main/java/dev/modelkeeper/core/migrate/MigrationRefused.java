package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.task.Message;
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

    /** {@code why} is the reason's sentence; "Nothing was changed." is added to it. */
    public MigrationRefused(Reason reason, Message why, Path path) {
        super(MigrateMessages.of("migrate.refused", why), path, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The whole sentence as a key and arguments, to render in the reader's language. */
    public Message reasonMessage() {
        return text();
    }
}
