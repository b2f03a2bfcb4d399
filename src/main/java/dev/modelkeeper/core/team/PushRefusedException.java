package dev.modelkeeper.core.team;

import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.nio.file.Path;

/**
 * A push refused on this machine before anything was sent: the revision is not in the cache, or some of its
 * files are not intact or cannot be named, so the command line can tell "not there" from "refused".
 */
public final class PushRefusedException extends OperationException {

    /** Why the push was refused. */
    public enum Reason { NOT_IN_CACHE, NOT_INTACT, UNUSABLE }

    private final Reason reason;

    PushRefusedException(Reason reason, Message sentence, Path path) {
        super(sentence, path, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
