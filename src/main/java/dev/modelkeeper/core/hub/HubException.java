package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;

/**
 * A Hub request that failed, classified as the official client does (spec §4.7). The message is one
 * plain sentence saying what happened and what to do; it never contains the token.
 */
public final class HubException extends OperationException {

    /** What went wrong. */
    public enum Kind {
        REPO_NOT_FOUND, GATED, ENTRY_NOT_FOUND, REVISION_NOT_FOUND, DISABLED, RATE_LIMITED, FORBIDDEN,
        BAD_REQUEST, RANGE_NOT_SATISFIABLE, SERVER_ERROR, NETWORK, NOT_A_HUB, UNEXPECTED,
        /** The server answered, but with something that cannot be used safely (spec-breaking or hostile). */
        INVALID_ANSWER
    }

    private final Kind kind;
    private final int status;
    private final long retryAfterSeconds;

    HubException(Kind kind, int status, long retryAfterSeconds, String subject, Throwable cause) {
        this(kind, status, retryAfterSeconds, subject, "", cause);
    }

    private HubException(Kind kind, int status, long retryAfterSeconds, String subject, Object detail,
                         Throwable cause) {
        super(new Message(BUNDLE, "hub.error." + kind.name(), subject, retryAfterSeconds, detail), null, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A failure of another source of blobs (a team store) classified as the Hub's are, so a chain of sources
     * and the retry policy treat it alike, with the source's own sentence.
     */
    public HubException(Kind kind, int status, Message sentence, Throwable cause) {
        super(sentence, null, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = 0;
    }

    private HubException(HubException base, Message extra) {
        super(new Message(BUNDLE, "hub.withNote", base.text(), extra), null, base.getCause());
        this.kind = base.kind;
        this.status = base.status;
        this.retryAfterSeconds = base.retryAfterSeconds;
    }

    /**
     * This refusal, saying that the stored token was not sent to {@code endpoint} and where to allow it: a
     * gated or private repo on a mirror is refused for that alone.
     */
    HubException tokenWithheld(String endpoint) {
        boolean aboutAccess = kind == Kind.GATED || kind == Kind.REPO_NOT_FOUND || kind == Kind.FORBIDDEN;
        return aboutAccess ? new HubException(this, new Message(BUNDLE, "hub.tokenWithheld", endpoint)) : this;
    }

    /**
     * This refusal (401 or 403), saying that the Hugging Face token was not sent to the endpoint profile and how
     * to allow it.
     */
    HubException hubTokenWithheldFrom(EndpointProfile profile) {
        boolean refusal = status == 401 || status == 403 || kind == Kind.GATED || kind == Kind.REPO_NOT_FOUND
                || kind == Kind.FORBIDDEN;
        return refusal ? new HubException(this, new Message(BUNDLE, "hub.profile.tokenWithheld", profile.name(),
                profile.url())) : this;
    }

    /** The sentence as a key and arguments, to go inside another one. */
    Message sentence() {
        return text();
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

    /** An answer that was refused: {@code detailKey} in the hub bundle says what was wrong with it. */
    static HubException invalid(String subject, String detailKey, Object... args) {
        return new HubException(Kind.INVALID_ANSWER, 0, 0, subject, new Message(BUNDLE, detailKey, args), null);
    }

    private static final String BUNDLE = "dev.modelkeeper.core.hub.messages";
}
