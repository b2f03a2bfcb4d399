package dev.modelkeeper.ui.theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Linux desktop asks for dark windows: GNOME's {@code color-scheme} setting or a
 * {@code GTK_THEME} ending in {@code :dark}. JavaFX's own colour scheme is read later, on the FX thread
 * ({@link ThemeModel}); GTK 3 themes do not follow GNOME's preference, so both are asked.
 */
public final class DesktopScheme {

    private static final long TIMEOUT_MS = 800;

    private DesktopScheme() {
    }

    /** Runs {@code gsettings}: call off the FX thread (the launcher thread, before the window shows). */
    public static boolean prefersDark(Map<String, String> env, String osName) {
        if (fromEnv(env)) {
            return true;
        }
        if (!osName.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return false;
        }
        return isDark(gsettings());
    }

    static boolean fromEnv(Map<String, String> env) {
        String gtk = env.getOrDefault("GTK_THEME", "");
        return gtk.toLowerCase(java.util.Locale.ROOT).endsWith(":dark");
    }

    /** {@code 'prefer-dark'} is GNOME's answer when the user picked the dark style. */
    static boolean isDark(String colorScheme) {
        return colorScheme != null && colorScheme.contains("prefer-dark");
    }

    private static String gsettings() {
        try {
            var process = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                    .redirectErrorStream(true).start();
            if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // no gsettings (not GNOME): the desktop has no preference we can read
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
