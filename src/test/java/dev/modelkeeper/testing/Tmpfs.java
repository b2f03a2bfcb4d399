package dev.modelkeeper.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A second filesystem for the tests: a small tmpfs mounted on a folder (root can; CI runs as root). */
public final class Tmpfs {

    private Tmpfs() {
    }

    public static boolean mount(Path at) throws Exception {
        Files.createDirectories(at);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    public static void unmount(Path at) throws Exception {
        new ProcessBuilder("umount", "-l", at.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
}
