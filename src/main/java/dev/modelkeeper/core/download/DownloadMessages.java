package dev.modelkeeper.core.download;

import dev.modelkeeper.core.task.Message;

/**
 * The sentences of downloads and repairs (failures and progress) are keys of one bundle, in English and
 * Simplified Chinese: a failure carries its key and arguments and is rendered in the reader's language.
 */
public final class DownloadMessages {

    /** The bundle's base name, for {@code new Message(BUNDLE, key, args)}. */
    public static final String BUNDLE = "dev.modelkeeper.core.download.messages";

    private DownloadMessages() {
    }

    /** A progress sentence, rendered by the listener in its reader's language. */
    public static Message progress(String key, Object... args) {
        return new Message(BUNDLE, key, args);
    }
}
