package dev.modelkeeper.core.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On Linux state and cache follow the XDG base directories; earlier state moves over, nothing is lost. */
class AppPathsTest {

    @TempDir
    Path home;

    private AppPaths linux(Map<String, String> vars) {
        return AppPaths.of(new Environment(vars, home, Environment.Os.LINUX));
    }

    @Test
    void linuxFollowsTheXdgBaseDirectories() {
        var defaults = linux(Map.of());
        assertEquals(home.resolve(".config/modelkeeper"), defaults.configDir());
        assertEquals(home.resolve(".local/state/modelkeeper"), defaults.stateDir());
        assertEquals(home.resolve(".cache/modelkeeper"), defaults.cacheDir());
        var set = linux(Map.of("XDG_STATE_HOME", "/s", "XDG_CACHE_HOME", "/c", "XDG_CONFIG_HOME", "/k"));
        assertEquals(Path.of("/s/modelkeeper"), set.stateDir());
        assertEquals(Path.of("/c/modelkeeper"), set.cacheDir());
        assertEquals(Path.of("/k/modelkeeper"), set.configDir());
    }

    @Test
    void anExplicitConfigFolderHoldsEverything() {
        var paths = linux(Map.of("MODELKEEPER_CONFIG_DIR", home.resolve("mk").toString()));
        assertTrue(paths.stateDir().startsWith(home.resolve("mk")));
        assertTrue(paths.cacheDir().startsWith(home.resolve("mk")));
    }

    @Test
    void stateOfEarlierVersionsMovesToTheNewPlaces() throws Exception {
        var paths = linux(Map.of());
        Path old = paths.configDir().resolve("state");
        Files.createDirectories(old.resolve("migrations"));
        Files.writeString(old.resolve("migrations/abc.json"), "{\"journal\":1}");
        Files.writeString(old.resolve("downloads.json"), "[]");
        Files.writeString(old.resolve("verified-files.json"), "{}");
        Files.createDirectories(paths.stateDir());
        Files.writeString(paths.stateDir().resolve("downloads.json"), "[\"newer\"]");

        assertEquals(List.of(), paths.adoptEarlierState());

        assertEquals("{\"journal\":1}", Files.readString(paths.stateDir().resolve("migrations/abc.json")));
        assertEquals("{}", Files.readString(paths.cacheDir().resolve("verified-files.json")));
        assertEquals("[\"newer\"]", Files.readString(paths.stateDir().resolve("downloads.json")), "newer kept");
        assertTrue(Files.exists(old.resolve("downloads.json")), "the older one is left alone, not deleted");
        assertFalse(Files.exists(old.resolve("migrations/abc.json")));
    }
}
