package dev.modelkeeper.core.env;

import java.nio.file.Path;
import java.util.List;

/**
 * What the user chose, kept across runs. Immutable; change it with the {@code with...} methods and
 * save it through {@link SettingsStore}.
 *
 * @param userRoots cache folders the user added, in the order they were added
 * @param window    last window position and size, or null before the first run
 * @param language  UI language tag ({@code en}, {@code zh-CN}), or null for the system language
 */
public record Settings(List<Path> userRoots, WindowBounds window, String language) {

    /** Position and size of the main window. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    public Settings {
        userRoots = List.copyOf(userRoots);
    }

    public static Settings defaults() {
        return new Settings(List.of(), null, null);
    }

    public Settings withUserRoots(List<Path> roots) {
        return new Settings(roots, window, language);
    }

    public Settings withWindow(WindowBounds bounds) {
        return new Settings(userRoots, bounds, language);
    }

    public Settings withLanguage(String tag) {
        return new Settings(userRoots, window, tag);
    }
}
