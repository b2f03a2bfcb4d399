package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.task.Message;

/** Cleanup's sentences as keys of {@code dev/modelkeeper/core/cleanup/messages*.properties}. */
final class CleanupMessages {

    static final String BUNDLE = "dev.modelkeeper.core.cleanup.messages";

    private CleanupMessages() {
    }

    static Message of(String key, Object... args) {
        return new Message(BUNDLE, key, args);
    }
}
