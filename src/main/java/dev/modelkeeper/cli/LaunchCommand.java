package dev.modelkeeper.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** How to start this same program again from a service file: the installed launcher, or java with the jar. */
final class LaunchCommand {

    private LaunchCommand() {
    }

    static List<String> current() {
        String app = System.getProperty("jpackage.app-path");
        if (app != null && !app.isBlank()) {
            return List.of(app); // the installed launcher (jpackage sets this property)
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path code = codeLocation();
        if (code != null && code.toString().endsWith(".jar")) {
            return List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", code.toString());
        }
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CliMain.class.getName());
    }

    private static Path codeLocation() {
        try {
            var source = CliMain.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
