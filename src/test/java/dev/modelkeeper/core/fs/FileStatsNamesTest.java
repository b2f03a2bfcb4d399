package dev.modelkeeper.core.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File names are bytes: a name that is not valid UTF-8 is still stat-ed by its own bytes. */
class FileStatsNamesTest {

    @TempDir
    Path dir;

    @Test
    void aNameWithByte0xffIsStatedAsItIsOnDisk() throws Exception {
        var p = new ProcessBuilder("sh", "-c",
                "mkdir \"$(printf 'd_\\377')\" && printf abc > \"$(printf 'd_\\377/x_\\377.txt')\"")
                .directory(dir.toFile()).start();
        assertEquals(0, p.waitFor());
        Path sub;
        try (var list = Files.list(dir)) {
            sub = list.findFirst().orElseThrow();
        }
        Path file;
        try (var list = Files.list(sub)) {
            file = list.findFirst().orElseThrow();
        }

        var st = FileStats.stat(file).orElseThrow(() -> new AssertionError("no stat for " + file));
        assertEquals(3, st.size());
        assertTrue(st.regularFile());
        assertTrue(FileStats.lstat(sub).orElseThrow().directory());
    }

    @Test
    void plainAndUtf8NamesKeepTheirFastRoute() throws Exception {
        Path p = Files.writeString(dir.resolve("模型 é.txt"), "hello");
        assertEquals(5, FileStats.stat(p).orElseThrow().size());
        assertEquals(-1, java.util.Arrays.mismatch(FileStats.nativeName(p),
                p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
