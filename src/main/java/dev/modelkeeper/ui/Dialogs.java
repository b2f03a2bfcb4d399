package dev.modelkeeper.ui;

/** How view models talk to the user, so they can be tested without a toolkit. Called on the FX thread. */
public interface Dialogs {

    /** A plain message: what happened and what to do. */
    void info(String message);

    /** A failure: one sentence, with the technical details expandable. */
    void error(String message, Throwable details);

    /** A failed job: says why and offers to try again; true when the user wants to. */
    default boolean askRetry(String message) {
        error(message, null);
        return false;
    }

    /**
     * Asks before a change: {@code header} says what will happen, {@code body} lists it; true when the
     * user presses {@code action}.
     */
    default boolean confirm(String header, String body, String action) {
        return false;
    }

    /**
     * A question with a few answers (the last one backs out); returns the index of the chosen answer, or -1
     * when the dialog was closed without one.
     */
    default int choose(String message, String... answers) {
        return -1;
    }

    /** A short note that a background job finished (a notification, not a modal dialog). */
    default void notify(String message) {
    }
}
