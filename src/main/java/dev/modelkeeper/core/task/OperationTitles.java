package dev.modelkeeper.core.task;

/** The titles of core's operations, keys of one bundle in English and Simplified Chinese. */
public final class OperationTitles {

    /** The bundle's base name. */
    public static final String BUNDLE = "dev.modelkeeper.core.task.titles";

    private OperationTitles() {
    }

    public static Message of(String key, Object... args) {
        return new Message(BUNDLE, key, args);
    }
}
