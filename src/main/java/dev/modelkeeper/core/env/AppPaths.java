package dev.modelkeeper.core.env;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where ModelKeeper keeps its own files.
 * <ul>
 * <li>Settings and the token: {@code modelkeeper.config.dir}, then {@code MODELKEEPER_CONFIG_DIR}, then
 * {@code $XDG_CONFIG_HOME/modelkeeper} (or {@code ~/.config/modelkeeper}) on Linux,
 * {@code ~/Library/Application Support/ModelKeeper} on macOS, {@code %APPDATA%\ModelKeeper} on Windows.</li>
 * <li>State (journals of unfinished moves, the download queue): on Linux {@code $XDG_STATE_HOME/modelkeeper}
 * (or {@code ~/.local/state/modelkeeper}), elsewhere {@code state} in the config folder.</li>
 * <li>Cache (the verify memo; deleting it only costs a full verify): on Linux {@code $XDG_CACHE_HOME/modelkeeper}
 * (or {@code ~/.cache/modelkeeper}), elsewhere {@code cache} in the config folder.</li>
 * </ul>
 * With the config folder set explicitly, state and cache live inside it, so one setting moves everything.
 */
public record AppPaths(Path configDir, Path stateDir, Path cacheDir) {

    /** Everything in one folder (an explicit config folder, macOS, Windows). */
    public AppPaths(Path configDir) {
        this(configDir, configDir.resolve("state"), configDir.resolve("cache"));
    }

    public static AppPaths of(Environment env) {
        String property = System.getProperty("modelkeeper.config.dir");
        if (property != null && !property.isBlank()) {
            return new AppPaths(Path.of(property));
        }
        var explicit = env.get("MODELKEEPER_CONFIG_DIR").filter(v -> !v.isBlank());
        if (explicit.isPresent()) {
            return new AppPaths(Path.of(explicit.get()));
        }
        return switch (env.os()) {
            case WINDOWS -> new AppPaths(env.get("APPDATA").map(Path::of).orElse(env.home().resolve("AppData/Roaming"))
                    .resolve("ModelKeeper"));
            case MAC -> new AppPaths(env.home().resolve("Library/Application Support/ModelKeeper"));
            case LINUX -> new AppPaths(xdg(env, "XDG_CONFIG_HOME", ".config"), xdg(env, "XDG_STATE_HOME", ".local/state"),
                    xdg(env, "XDG_CACHE_HOME", ".cache"));
        };
    }

    private static Path xdg(Environment env, String variable, String fallback) {
        return env.get(variable).filter(v -> !v.isBlank()).map(Path::of).orElse(env.home().resolve(fallback))
                .resolve("modelkeeper");
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    /** The token entered in the settings (0600). */
    public Path tokenFile() {
        return configDir.resolve("token");
    }

    /** The token of endpoint profile {@code name} (0600), never inside settings.json. */
    public Path profileTokenFile(String name) {
        return configDir.resolve("profiles").resolve(name + ".token");
    }

    /**
     * Earlier versions kept state in {@code <config>/state} on Linux too. Moves what is there to
     * {@link #stateDir} (journals of unfinished moves and repairs must be found) and the verify memo to
     * {@link #cacheDir}; a file already present in the new place is kept and the old one left alone.
     * Returns a sentence for each file it could not move.
     */
    public java.util.List<String> adoptEarlierState() {
        Path old = configDir.resolve("state");
        var problems = new java.util.ArrayList<String>();
        if (old.equals(stateDir) || !Files.isDirectory(old)) {
            return problems;
        }
        try (var walk = Files.walk(old)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path rel = old.relativize(p);
                Path target = rel.toString().equals("verified-files.json") ? cacheDir.resolve(rel) : stateDir.resolve(rel);
                try {
                    if (!Files.exists(target)) {
                        Files.createDirectories(target.getParent());
                        move(p, target);
                    }
                } catch (IOException e) {
                    problems.add("Could not move " + p + " to " + target + ": " + e.getMessage()
                            + ". It was left where it is.");
                }
            }
        } catch (IOException e) {
            problems.add("Could not read " + old + ": " + e.getMessage() + ". Nothing was moved.");
        }
        return problems;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            Files.delete(from);
        }
    }
}
