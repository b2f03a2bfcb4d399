package dev.modelkeeper.ui;

/** How view models talk to the user, so they can be tested without a toolkit. Called on the FX thread. */
public interface Dialogs {

    /** A plain message: what happened and what to do. */
    void info(String message);

    /** A failure: one sentence, with the technical details expandable. */
    void error(String message, Throwable details);
}
