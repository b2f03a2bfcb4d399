package dev.modelkeeper;

import dev.modelkeeper.cli.CliMain;
import dev.modelkeeper.ui.ModelKeeperApp;

/**
 * Entry point of {@code modelkeeper.jar}: with a command it runs the command line (no display
 * needed, JavaFX is never touched); with no arguments it opens the window. A plain class, not an
 * {@code Application}, so JavaFX can start from the class path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length != 0) {
            System.exit(CliMain.run(args, System.out, System.err));
        }
        if (!hasDisplay(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"))) {
            System.err.println(CliMain.noDisplayText());
            System.exit(2);
        }
        try {
            ModelKeeperApp.main(args);
        } catch (RuntimeException | UnsatisfiedLinkError e) { // the toolkit could not start (no GTK, no display)
            System.err.println(CliMain.noDisplayText() + " (" + e.getMessage() + ")");
            System.exit(2);
        }
    }

    /** On Linux and BSD a window needs X11 or Wayland; macOS, Windows and the headless Monocle always have one. */
    static boolean hasDisplay(java.util.Map<String, String> env, String osName, String glassPlatform) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.contains("mac") || "monocle".equalsIgnoreCase(glassPlatform)) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isEmpty() || !env.getOrDefault("WAYLAND_DISPLAY", "").isEmpty();
    }
}
