package dev.modelkeeper.core.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.MountTable;
import dev.modelkeeper.testing.Tmpfs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrashTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Trash trash(Map<String, String> vars) {
        return new Trash(new Environment(vars, dir.resolve("home"), Environment.Os.LINUX), MountTable.current(), 1234,
                CLOCK);
    }

    private Trash homeTrash() {
        return trash(Map.of("XDG_DATA_HOME", dir.resolve("data").toString()));
    }

    private static Properties info(Path file) throws Exception {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("[Trash Info]", lines.get(0), "the group header comes first");
        var p = new Properties();
        for (String line : lines.subList(1, lines.size())) {
            int eq = line.indexOf('=');
            p.setProperty(line.substring(0, eq), line.substring(eq + 1));
        }
        return p;
    }

    @Test
    void aFileGoesToTheHomeTrashWithAnInfoFileADesktopAccepts() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("models")).resolve("a b%ü.bin"), "w");

        var trashed = homeTrash().moveToTrash(file);

        Path home = dir.resolve("data/Trash");
        assertEquals(home.resolve("files/a b%ü.bin"), trashed.file());
        assertEquals(home.resolve("info/a b%ü.bin.trashinfo"), trashed.info());
        assertFalse(Files.exists(file));
        assertEquals("w", Files.readString(trashed.file()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        var info = info(trashed.info());
        assertEquals("2026-03-04T05:06:07", info.getProperty("DeletionDate"));
        String encoded = info.getProperty("Path");
        assertTrue(encoded.startsWith("/") && encoded.endsWith("/a%20b%25%C3%BC.bin"), encoded);
        assertEquals(file.getParent().toRealPath().resolve("a b%ü.bin").toString(),
                Path.of(URI.create("file://" + encoded)).toString(), "decodes to where it was");
    }

    @Test
    void withoutXdgDataHomeTheTrashIsUnderHomeLocalShare() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");

        var trashed = trash(Map.of()).moveToTrash(file);

        assertEquals(dir.resolve("home/.local/share/Trash/files/f.txt"), trashed.file());
    }

    @Test
    void aSecondFileOfTheSameNameGetsANewNameKeepingItsExtension() throws Exception {
        var t = homeTrash();
        t.moveToTrash(Files.writeString(dir.resolve("config.json"), "1"));
        Path again = Files.writeString(dir.resolve("config.json"), "2");

        var trashed = t.moveToTrash(again);

        assertEquals("config.2.json", trashed.file().getFileName().toString());
        assertEquals("config.2.json.trashinfo", trashed.info().getFileName().toString());
        assertEquals("1", Files.readString(dir.resolve("data/Trash/files/config.json")));
    }

    @Test
    void aSymlinkIsTrashedAsTheLinkAndItsTargetStays() throws Exception {
        Path target = Files.writeString(dir.resolve("blob"), "payload");
        Path link = Files.createSymbolicLink(dir.resolve("model.safetensors"), target);

        var trashed = homeTrash().moveToTrash(link);

        assertTrue(Files.isSymbolicLink(trashed.file()));
        assertEquals(target, Files.readSymbolicLink(trashed.file()));
        assertEquals("payload", Files.readString(target));
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aFileOnAnotherFilesystemGoesToThatFilesystemsOwnTrash() throws Exception {
        Path mnt = dir.resolve("mnt");
        assertTrue(Tmpfs.mount(mnt), "needs root to mount a tmpfs");
        try {
            Path folder = Files.createDirectories(mnt.resolve("hub/models--org--name"));
            Files.writeString(folder.resolve("x"), "x");

            var trashed = homeTrash().moveToTrash(folder);

            assertEquals(mnt.resolve(".Trash-1234/files/models--org--name"), trashed.file());
            assertEquals("x", Files.readString(trashed.file().resolve("x")));
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(mnt.resolve(".Trash-1234"))));
            assertFalse(Files.exists(dir.resolve("data/Trash/files/models--org--name")), "never copied home");

            Files.createDirectory(mnt.resolve(".Trash"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxrwxrwx")));
            Files.setAttribute(mnt.resolve(".Trash"), "unix:mode", 01777);
            var shared = homeTrash().moveToTrash(Files.writeString(mnt.resolve("y"), "y"));
            assertEquals(mnt.resolve(".Trash/1234/files/y"), shared.file(), "a sticky .Trash is preferred");
        } finally {
            Tmpfs.unmount(mnt);
        }
    }

    @Test
    void aFilesystemWhoseTrashIsALinkHasNoTrashAndNothingMoves() throws Exception {
        Path mnt = dir.resolve("mnt");
        assertTrue(Tmpfs.mount(mnt), "needs root to mount a tmpfs");
        try {
            Files.createSymbolicLink(mnt.resolve(".Trash-1234"), dir);
            Path file = Files.writeString(mnt.resolve("w.bin"), "w");

            var e = assertThrows(Trash.NoTrashHereException.class, () -> homeTrash().moveToTrash(file));

            assertTrue(Files.exists(file));
            assertTrue(e.message(Locale.ENGLISH).contains("deleted for good"), e.getMessage());
            assertEquals(List.of(), List.of(dir.resolve("data/Trash/files").toFile().list()));
        } finally {
            Tmpfs.unmount(mnt);
        }
    }
}
