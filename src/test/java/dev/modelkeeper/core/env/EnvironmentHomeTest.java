package dev.modelkeeper.core.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Home as Python's {@code expanduser} reads it. */
class EnvironmentHomeTest {

    @Test
    void homeComesFromTheVariableWhenSet() {
        assertEquals(Path.of("/srv/app"), Environment.of(Map.of("HOME", "/srv/app"), Environment.Os.LINUX, "/root").home());
        assertEquals(Path.of("/root"), Environment.of(Map.of(), Environment.Os.LINUX, "/root").home());
        assertEquals(Path.of("/"), Environment.of(Map.of("HOME", ""), Environment.Os.MAC, "/Users/me").home());
    }

    @Test
    void windowsUsesTheProfileFolder() {
        assertEquals(Path.of("C:\\Users\\me"), Environment.of(Map.of("USERPROFILE", "C:\\Users\\me", "HOME", "/x"),
                Environment.Os.WINDOWS, "/fallback").home());
        assertEquals(Path.of("D:\\home\\me"), Environment.of(Map.of("HOMEDRIVE", "D:", "HOMEPATH", "\\home\\me"),
                Environment.Os.WINDOWS, "/fallback").home());
    }
}
