package dev.modelkeeper.core.update;

import dev.modelkeeper.core.task.Message;

/** The sentences of the outdated check and of updates: keys of one bundle in English and Simplified Chinese. */
public final class UpdateMessages {

    /** The bundle's base name. */
    public static final String BUNDLE = "dev.modelkeeper.core.update.messages";

    private UpdateMessages() {
    }

    public static Message of(String key, Object... args) {
        return new Message(BUNDLE, key, args);
    }
}
