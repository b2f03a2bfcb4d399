package dev.modelkeeper.core.health;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.task.Message;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the doctor found: a sentence saying what and why, and what to do about it.
 *
 * @param check    which question found it
 * @param severity INFO explains, WARNING and ERROR are problems (the command's exit code 5)
 * @param code     a stable name for scripts and the JSON output ({@code storage.tmpfs})
 * @param sentence what is the matter, in the reader's language
 * @param fix      what to do; null when there is nothing to do (an INFO)
 * @param safeFix  whether the fix changes nothing a user could lose, so that a window may offer it as a button
 * @param path     the folder or file concerned, or null
 */
public record Finding(Check check, Severity severity, String code, Message sentence, Message fix, boolean safeFix,
                      Path path) {

    /** The bundle of the doctor's sentences: {@code <code>} is the sentence, {@code <code>.fix} its fix. */
    public static final String BUNDLE = "dev.modelkeeper.core.health.messages";

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sentence, "sentence");
    }

    /** A finding whose sentence is {@code code} and whose fix, when {@code fixArgs} is not null, is {@code code.fix}. */
    static Finding of(Check check, Severity severity, String code, Path path, Object[] args, Object[] fixArgs,
                      boolean safeFix) {
        Message fix = fixArgs == null ? null : new Message(BUNDLE, code + ".fix", fixArgs);
        return new Finding(check, severity, code, new Message(BUNDLE, code, args), fix, safeFix, path);
    }

    /** An explanation without a fix. */
    static Finding info(Check check, String code, Path path, Object... args) {
        return of(check, Severity.INFO, code, path, args, null, false);
    }

    public Optional<Message> fixMessage() {
        return Optional.ofNullable(fix);
    }

    public Optional<Path> pathIfAny() {
        return Optional.ofNullable(path);
    }

    /** A warning or an error: something to act on. */
    public boolean isProblem() {
        return severity != Severity.INFO;
    }
}
