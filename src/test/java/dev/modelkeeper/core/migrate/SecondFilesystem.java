package dev.modelkeeper.core.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real second filesystem for cross-filesystem moves: a tmpfs mounted under the test's folder. Needs
 * root (CI runs as root); when mounting is not allowed, {@link #mount} returns null and the tests use a
 * forced copy on one filesystem instead, saying so.
 */
final class SecondFilesystem implements AutoCloseable {

    private final Path dir;

    private SecondFilesystem(Path dir) {
        this.dir = dir;
    }

    static SecondFilesystem mount(Path dir, String options) {
        try {
            Files.createDirectories(dir);
            var p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return new SecondFilesystem(dir);
            }
        } catch (Exception ignored) {
            // fall through
        }
        System.out.println("NOTE: cannot mount a tmpfs here (not root?); the cross-filesystem path runs as a forced copy");
        return null;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            new ProcessBuilder("umount", "-l", dir.toString()).start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
