package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.task.Message;

/** The trash's sentences as keys of {@code dev/modelkeeper/core/cleanup/trash*.properties}. */
final class TrashMessages {

    static final String BUNDLE = "dev.modelkeeper.core.cleanup.trash";

    private TrashMessages() {
    }

    static Message of(String key, Object... args) {
        return new Message(BUNDLE, key, args);
    }
}
