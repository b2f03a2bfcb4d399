package dev.modelkeeper.core.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operating system's English reasons become the end of a sentence in the reader's language. */
class IoReasonsTest {

    @TempDir
    Path dir;

    @Test
    void knownReasonsAreSaidInTheReadersLanguage() {
        var full = new FileSystemException("/data/blob", null, "No space left on device");
        assertEquals("the disk is full", IoReasons.of(full).render(Locale.ENGLISH));
        assertEquals("磁盘已满", IoReasons.of(full).render(Locale.SIMPLIFIED_CHINESE));
        assertEquals("permission denied", IoReasons.of(new AccessDeniedException("/x")).render(Locale.ENGLISH));
        assertEquals("the filesystem is read-only", IoReasons.of(
                new FileSystemException("/x", null, "Read-only file system")).render(Locale.ENGLISH));
    }

    @Test
    void aRealFailureOfTheFileSystemIsRecognised() {
        var missing = dir.resolve("gone/file");
        IOException e = assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(missing));
        assertEquals("它不存在", IoReasons.of(e).render(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void anUnknownReasonIsKeptAsTheSystemGaveIt() {
        var odd = new FileSystemException("/x", null, "Stale file handle");
        assertEquals("Stale file handle", IoReasons.of(odd).render(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Boom", IoReasons.of(new IOException("Boom")).render(Locale.ENGLISH));
    }
}
