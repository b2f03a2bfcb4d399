package dev.modelkeeper.core.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void tokenIsStoredOwnerOnlyAndNeverInTheSettingsFile() throws Exception {
        var tokens = new TokenStore(dir.resolve("token"));
        tokens.save(" hf_secret \n");

        assertEquals(Optional.of("hf_secret"), tokens.load());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token"))));
        var store = new SettingsStore(dir.resolve("settings.json"));
        store.save(Settings.defaults().withHub(new Settings.HubSettings("https://hf-mirror.com", true, 4, 5_000_000)));
        assertFalse(Files.readString(dir.resolve("settings.json")).contains("hf_secret"));
        assertEquals(new Settings.HubSettings("https://hf-mirror.com", true, 4, 5_000_000), store.load().hub());
    }

    @Test
    void anEmptyTokenRemovesTheFile() throws Exception {
        var tokens = new TokenStore(dir.resolve("token"));
        tokens.save("hf_x");
        tokens.save("");
        assertEquals(Optional.empty(), tokens.load());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void olderSettingsFilesWithoutDownloadSettingsGetTheDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), "{\"userRoots\":[\"/x\"]}");
        assertEquals(Settings.HubSettings.defaults(), new SettingsStore(file).load().hub());
    }
}
