package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.task.OperationException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A Hub request that failed, classified as the official client does (spec §4.7). The message is one
 * plain sentence saying what happened and what to do; it never contains the token.
 */
public final class HubException extends OperationException {

    /** What went wrong. */
    public enum Kind {
        REPO_NOT_FOUND, GATED, ENTRY_NOT_FOUND, REVISION_NOT_FOUND, DISABLED, RATE_LIMITED, FORBIDDEN,
        BAD_REQUEST, RANGE_NOT_SATISFIABLE, SERVER_ERROR, NETWORK, NOT_A_HUB, UNEXPECTED
    }

    private final Kind kind;
    private final int status;
    private final long retryAfterSeconds;

    HubException(Kind kind, int status, long retryAfterSeconds, String subject, Throwable cause) {
        super(text(kind, subject, retryAfterSeconds), null, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** How long the server asked us to wait (429), in seconds; 0 when it did not say. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Worth trying again later: the network, the server or the rate limit, not the request. */
    public boolean isRetryable() {
        return kind == Kind.NETWORK || kind == Kind.SERVER_ERROR || kind == Kind.RATE_LIMITED;
    }

    private static String text(Kind kind, String subject, long wait) {
        var bundle = ResourceBundle.getBundle("dev.modelkeeper.core.hub.messages", Locale.getDefault());
        return MessageFormat.format(bundle.getString("hub.error." + kind.name()), subject, wait);
    }
}
