package dev.modelkeeper.core.team;

import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;

/** A team store request that failed, as one sentence, classified so callers can tell "not there" from the rest. */
public final class TeamStoreException extends OperationException {

    /** What went wrong. */
    public enum Kind { NOT_FOUND, EXISTS, ACCESS_DENIED, NO_BUCKET, WRONG_REGION, CLOCK_SKEW, UNREACHABLE, INVALID, FAILED }

    private final Kind kind;
    private final int status;

    TeamStoreException(Kind kind, int status, Message sentence, Throwable cause) {
        super(sentence, null, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** The sentence as a key and arguments (for a Hub-shaped failure of the store as a blob source). */
    Message sentence() {
        return text();
    }
}
