package dev.modelkeeper.core.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Makes names from raw bytes with /bin/sh (Java cannot spell them) and lists trees by Path. */
final class Shell {

    private Shell() {
    }

    static String run(Path in, String script) throws IOException {
        var p = new ProcessBuilder("/bin/sh", "-c", script).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("sh failed: " + out);
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return out;
    }

    /** Every entry under root, relative, as Paths (their bytes), sorted. */
    static List<Path> relativeTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(root::relativize).sorted().toList();
        }
    }

    /** Whether the name survives being turned into text and back. */
    static boolean roundTrips(Path p) {
        try {
            return Path.of(p.toString()).equals(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
