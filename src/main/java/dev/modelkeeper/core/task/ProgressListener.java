package dev.modelkeeper.core.task;

/**
 * Receives progress from a running {@link Operation}. Called from the operation's own thread;
 * implementations hand the values to whatever displays them (a JavaFX task, a CLI progress line).
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /**
     * Work done so far out of the total. Units are the operation's (bytes for transfers, files for scans).
     * A negative {@code total} means the total is not known yet.
     */
    default void progress(long done, long total) { }

    /** A short human-readable line about what is happening now (already localised or a plain path). */
    default void message(String message) { }

    /** A short line about what is happening now, as a key and arguments, rendered in the reader's language. */
    default void message(Message message) {
        message(message.toString());
    }
}
