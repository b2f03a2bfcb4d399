package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code download} builds its Hub client where the window and {@code verify}/{@code repair} do: the endpoint
 * and the token saved in the window's settings count on the command line too (before, download ignored both).
 */
class HubClientSettingsTest {

    @TempDir
    Path home;

    @Test
    void downloadUsesTheSettingsEndpointAndTheStoredToken() throws Exception {
        var repo = FixtureRepo.model("org/private");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{}").ref("main", c);
        try (var hub = new HubEmulator().add(repo)) {
            hub.makePrivate("models", "org/private", "hf_stored_in_settings");
            var env = new Environment(Map.of("HF_HUB_CACHE", home.resolve("hub").toString(),
                    "MODELKEEPER_CONFIG_DIR", home.resolve("cfg").toString()), home, Environment.Os.LINUX);
            var paths = AppPaths.of(env);
            new SettingsStore(paths.settingsFile()).save(Settings.defaults().withHub(
                    new Settings.HubSettings(hub.url(), true, 8, 0)));
            new TokenStore(paths.tokenFile()).save("hf_stored_in_settings");

            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            int code = CliMain.run(new String[] {"download", "org/private"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env);

            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            assertTrue(Files.exists(home.resolve("hub/models--org--private/snapshots/" + c + "/config.json")));
            assertTrue(hub.authorizations().contains("Bearer hf_stored_in_settings"));
        }
    }
}
