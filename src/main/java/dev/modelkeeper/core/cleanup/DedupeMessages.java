package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.task.Message;

/** Dedupe's sentences as keys of {@code dev/modelkeeper/core/cleanup/dedupe*.properties}. */
final class DedupeMessages {

    static final String BUNDLE = "dev.modelkeeper.core.cleanup.dedupe";

    private DedupeMessages() {
    }

    static Message of(String key, Object... args) {
        return new Message(BUNDLE, key, args);
    }
}
