package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.task.Message;

/** The move's sentences as keys of {@code dev/modelkeeper/core/migrate/messages*.properties}. */
final class MigrateMessages {

    static final String BUNDLE = "dev.modelkeeper.core.migrate.messages";

    private MigrateMessages() {
    }

    static Message of(String key, Object... args) {
        return new Message(BUNDLE, key, args);
    }
}
