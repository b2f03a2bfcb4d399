package dev.modelkeeper.core.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsLoadBackEqual() throws Exception {
        var store = new SettingsStore(dir.resolve("cfg/settings.json"));
        var s = Settings.defaults().withUserRoots(List.of(Path.of("/a"), Path.of("/b c")))
                .withWindow(new Settings.WindowBounds(10, 20, 800, 600, true)).withLanguage("zh-CN");
        store.save(s);
        assertEquals(s, store.load());
        try (var files = Files.list(dir.resolve("cfg"))) {
            assertEquals(List.of("settings.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temp file left behind");
        }
    }

    @Test
    void servingMetricsIsRememberedAndOffOnPort9464ByDefault() throws Exception {
        var store = new SettingsStore(dir.resolve("settings.json"));
        assertEquals(new Settings.MetricsServing(false, 9464), Settings.defaults().metrics());
        store.save(Settings.defaults().withMetrics(new Settings.MetricsServing(true, 9500)));
        assertEquals(new Settings.MetricsServing(true, 9500), store.load().metrics());
        Files.writeString(dir.resolve("settings.json"), "{\"version\":1,\"metrics\":{\"on\":true}}");
        assertEquals(new Settings.MetricsServing(true, 9464), store.load().metrics(), "a missing port is the default");
    }

    @Test
    void missingFileGivesDefaults() {
        assertEquals(Settings.defaults(), new SettingsStore(dir.resolve("none.json")).load());
    }

    @Test
    void corruptFileGivesDefaultsAndIsKeptAside() throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), "{ not json");
        assertEquals(Settings.defaults(), new SettingsStore(file).load());
        try (var files = Files.list(dir)) {
            var names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size());
            assertTrue(names.getFirst().startsWith("settings.json.corrupt-"), names.toString());
        }
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"),
                "{\"version\":9,\"userRoots\":[\"/x\"],\"futureThing\":{\"a\":1},\"language\":\"en\"}");
        var s = new SettingsStore(file).load();
        assertEquals(List.of(Path.of("/x")), s.userRoots());
        assertEquals("en", s.language());
    }

    @Test
    void configDirFollowsPropertyThenVariableThenPlatform() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/home/u/.config/modelkeeper"),
                AppPaths.of(new Environment(Map.of(), home, Environment.Os.LINUX)).configDir());
        assertEquals(Path.of("/x/modelkeeper"),
                AppPaths.of(new Environment(Map.of("XDG_CONFIG_HOME", "/x"), home, Environment.Os.LINUX)).configDir());
        assertEquals(Path.of("/m"),
                AppPaths.of(new Environment(Map.of("MODELKEEPER_CONFIG_DIR", "/m"), home, Environment.Os.LINUX)).configDir());
        assertEquals(Path.of("/home/u/Library/Application Support/ModelKeeper"),
                AppPaths.of(new Environment(Map.of(), home, Environment.Os.MAC)).configDir());
    }
}
