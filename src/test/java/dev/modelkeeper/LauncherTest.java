package dev.modelkeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code modelkeeper} with no command and no display says so in a sentence, never with a stack trace. */
class LauncherTest {

    @Test
    void noDisplayIsASentence() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("no display"), out);
        assertFalse(out.contains("Exception") || out.contains("\tat "), out);
    }

    @Test
    void displayRules() {
        assertFalse(Launcher.hasDisplay(Map.of(), "Linux", null));
        assertTrue(Launcher.hasDisplay(Map.of("DISPLAY", ":0"), "Linux", null));
        assertTrue(Launcher.hasDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null));
        assertTrue(Launcher.hasDisplay(Map.of(), "Mac OS X", null));
        assertTrue(Launcher.hasDisplay(Map.of(), "Linux", "Monocle"));
    }
}
