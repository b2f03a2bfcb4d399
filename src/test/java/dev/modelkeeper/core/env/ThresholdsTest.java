package dev.modelkeeper.core.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdsTest {

    @TempDir
    Path dir;

    @Test
    void thresholdsSurviveASaveAndARootUsesItsOwnLimits() throws Exception {
        var store = new SettingsStore(dir.resolve("settings.json"));
        var limits = new Thresholds(80, 0, List.of(new Thresholds.RootLimit("/data/hub", 95, 1000)));

        store.save(Settings.defaults().withThresholds(limits));
        Thresholds loaded = store.load().thresholds();

        assertEquals(limits, loaded);
        assertEquals(95, loaded.forRoot(Path.of("/data/hub")).diskPercent());
        assertEquals(80, loaded.forRoot(Path.of("/other")).diskPercent());
    }

    @Test
    void settingsWithoutThresholdsGetTheDefaultDiskLimit() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"version\": 1, \"userRoots\": []}");

        var loaded = new SettingsStore(dir.resolve("settings.json")).load().thresholds();

        assertEquals(Thresholds.DEFAULT_DISK_PERCENT, loaded.diskPercent());
        assertEquals(0, loaded.cacheBytes());
    }
}
