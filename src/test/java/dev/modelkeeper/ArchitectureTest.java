package dev.modelkeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wall of style.md: nothing under core may reference JavaFX, so the CLI runs on a bare JRE. */
class ArchitectureTest {

    private static final Path CORE_CLASSES = Path.of("target/classes/dev/modelkeeper/core");

    @Test
    void coreClassesNeverReferenceJavaFx() throws IOException {
        assertFalse(classFiles(CORE_CLASSES).isEmpty(), "no compiled core classes found under " + CORE_CLASSES);
        List<String> offenders = classFiles(CORE_CLASSES).stream().filter(ArchitectureTest::mentionsJavaFx)
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders, "core classes that reference javafx");
    }

    @Test
    void cliClassesNeverReferenceJavaFx() throws IOException {
        List<String> offenders = classFiles(Path.of("target/classes/dev/modelkeeper/cli")).stream()
                .filter(ArchitectureTest::mentionsJavaFx).map(Path::toString).toList();
        assertEquals(List.of(), offenders, "cli classes that reference javafx");
    }

    private static List<Path> classFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }

    private static boolean mentionsJavaFx(Path classFile) {
        try {
            // class files name referenced types as "javafx/..." in the constant pool
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("javafx/");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
