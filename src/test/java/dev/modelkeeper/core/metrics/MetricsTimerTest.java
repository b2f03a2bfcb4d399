package dev.modelkeeper.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTimerTest {

    @TempDir
    Path home;

    @Test
    void unitsGoToXdgConfigHomeAndRunTheTextfileCommand() throws Exception {
        var env = new Environment(Map.of("XDG_CONFIG_HOME", home.resolve("conf").toString()), home, Environment.Os.LINUX);
        var timer = MetricsTimer.of(env);

        timer.install(List.of("/opt/model keeper/bin/ModelKeeper"), Path.of("/var/lib/node exporter"), Duration.ofMinutes(5));

        assertEquals(home.resolve("conf/systemd/user/modelkeeper-metrics.service"), timer.service());
        String service = Files.readString(timer.service());
        assertTrue(service.contains("ExecStart=\"/opt/model keeper/bin/ModelKeeper\" metrics --textfile "
                + "\"/var/lib/node exporter\""), service);
        assertTrue(Files.readString(timer.timer()).contains("OnUnitActiveSec=300s"));
        assertEquals(List.of(timer.timer(), timer.service()), timer.remove());
        assertFalse(Files.exists(timer.service()));
        assertEquals(List.of(), timer.remove());
    }

    @Test
    void withoutXdgConfigHomeTheUnitsGoUnderDotConfig() {
        var env = new Environment(Map.of(), home, Environment.Os.LINUX);
        assertEquals(home.resolve(".config/systemd/user/modelkeeper-metrics.timer"), MetricsTimer.of(env).timer());
    }

    @Test
    void systemdSpecialCharactersAreEscaped() {
        assertEquals("plain", MetricsTimer.quote("plain"));
        assertEquals("\"a%%b$$c\"", MetricsTimer.quote("a%b$c"));
    }
}
