package dev.modelkeeper.core.manifest;

import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;

/** {@code modelkeeper.yaml} or its lock file cannot be used: one sentence naming the file and, where known, the line. */
public final class ManifestException extends OperationException {

    static final String BUNDLE = "dev.modelkeeper.core.manifest.messages";

    ManifestException(Message sentence, Throwable cause) {
        super(sentence, null, cause);
    }
}
