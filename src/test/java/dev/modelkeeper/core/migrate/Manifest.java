package dev.modelkeeper.core.migrate;

import dev.modelkeeper.testing.CacheFixture;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/** Paths, link targets and sha256 of everything under a folder (links are not followed). */
final class Manifest {

    private Manifest() {
    }

    static Map<String, String> of(Path root) throws IOException {
        var m = new TreeMap<String, String>();
        if (!Files.isDirectory(root)) {
            return m;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                m.put(root.relativize(d) + "/", "dir");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                m.put(root.relativize(f).toString(), a.isSymbolicLink() ? "-> " + Files.readSymbolicLink(f)
                        : CacheFixture.sha256(Files.readAllBytes(f)));
                return FileVisitResult.CONTINUE;
            }
        });
        return m;
    }
}
