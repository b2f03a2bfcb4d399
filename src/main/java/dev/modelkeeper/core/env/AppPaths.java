package dev.modelkeeper.core.env;

import java.nio.file.Path;

/**
 * Where ModelKeeper keeps its own files. The config directory comes from the system property
 * {@code modelkeeper.config.dir}, then {@code MODELKEEPER_CONFIG_DIR}, then the platform's place:
 * {@code $XDG_CONFIG_HOME/modelkeeper} (or {@code ~/.config/modelkeeper}) on Linux,
 * {@code ~/Library/Application Support/ModelKeeper} on macOS, {@code %APPDATA%\ModelKeeper} on Windows.
 */
public record AppPaths(Path configDir) {

    public static AppPaths of(Environment env) {
        String property = System.getProperty("modelkeeper.config.dir");
        if (property != null && !property.isBlank()) {
            return new AppPaths(Path.of(property));
        }
        return env.get("MODELKEEPER_CONFIG_DIR").filter(v -> !v.isBlank()).map(v -> new AppPaths(Path.of(v)))
                .orElseGet(() -> new AppPaths(platformDir(env)));
    }

    private static Path platformDir(Environment env) {
        return switch (env.os()) {
            case WINDOWS -> env.get("APPDATA").map(Path::of).orElse(env.home().resolve("AppData/Roaming"))
                    .resolve("ModelKeeper");
            case MAC -> env.home().resolve("Library/Application Support/ModelKeeper");
            case LINUX -> env.get("XDG_CONFIG_HOME").filter(v -> !v.isBlank()).map(Path::of)
                    .orElse(env.home().resolve(".config")).resolve("modelkeeper");
        };
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    /** The token entered in the settings (0600). */
    public Path tokenFile() {
        return configDir.resolve("token");
    }

    /** Log files (one per run of the window). */
    public Path logDir() {
        return configDir.resolve("logs");
    }

    /** Journals of unfinished multi-step work (migrations, repairs). */
    public Path stateDir() {
        return configDir.resolve("state");
    }
}
