package dev.modelkeeper.core.fs;

import dev.modelkeeper.core.task.Message;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * Why a file operation failed, in the reader's language: the JDK's exceptions carry the path (which our
 * sentences name already) and the operating system's English reason ("No space left on device"). This turns
 * them into the end of a sentence ("the disk is full"); an unknown reason is kept as the system gave it.
 */
public final class IoReasons {

    /** The bundle's base name. */
    public static final String BUNDLE = "dev.modelkeeper.core.fs.reasons";

    private IoReasons() {
    }

    /** The reason of a failure, as a message argument (rendered in the sentence's language). */
    public static Message of(Throwable failure) {
        return new Message(BUNDLE, key(failure), text(failure));
    }

    static String key(Throwable failure) {
        if (failure instanceof AccessDeniedException) {
            return "denied";
        }
        if (failure instanceof NoSuchFileException) {
            return "missing";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "exists";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "notEmpty";
        }
        if (failure instanceof NotDirectoryException) {
            return "notFolder";
        }
        if (failure instanceof FileSystemLoopException || failure instanceof NotLinkException) {
            return "loop";
        }
        String reason = failure instanceof FileSystemException f ? f.getReason() : failure.getMessage();
        return reason == null ? "other" : byReason(reason.toLowerCase(Locale.ROOT));
    }

    private static String byReason(String reason) {
        if (reason.contains("no space left")) {
            return "full";
        }
        if (reason.contains("read-only file system")) {
            return "readOnly";
        }
        if (reason.contains("permission denied") || reason.contains("operation not permitted")) {
            return "denied";
        }
        if (reason.contains("no such file")) {
            return "missing";
        }
        if (reason.contains("input/output error")) {
            return "io";
        }
        if (reason.contains("quota exceeded")) {
            return "quota";
        }
        if (reason.contains("device or resource busy") || reason.contains("text file busy")) {
            return "busy";
        }
        if (reason.contains("cross-device link")) {
            return "crossDevice";
        }
        if (reason.contains("file name too long")) {
            return "nameTooLong";
        }
        if (reason.contains("not a directory")) {
            return "notFolder";
        }
        if (reason.contains("too many levels of symbolic links")) {
            return "loop";
        }
        return "other";
    }

    private static String text(Throwable failure) {
        if (failure instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
