package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ~} is {@code $HOME}, as in the official client: with {@code HOME} pointing away from the account's
 * home (a service, sudo, a container, a CI job), ModelKeeper looks where {@code huggingface_hub} 2.0 looks.
 */
class HomeAgreementTest {

    @TempDir
    Path srv;

    private static String officialHubCache(Map<String, String> env) throws Exception {
        var all = new HashMap<String, String>();
        all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        all.putAll(env);
        var cmd = List.of("env", "-i").stream().toList();
        var full = new java.util.ArrayList<>(cmd);
        all.forEach((k, v) -> full.add(k + "=" + v));
        full.addAll(List.of(OfficialClient.python().toString(), "-c",
                "from huggingface_hub import constants; print(constants.HF_HUB_CACHE)"));
        var r = OfficialClient.exec(full, Map.of(), 120);
        assertEquals(0, r.code(), r.err());
        return r.out().strip();
    }

    @Test
    void theDefaultCacheFollowsHomeNotTheAccount() throws Exception {
        Path home = srv.resolve("app");
        var vars = Map.of("HOME", home.toString());
        assertNotEquals(Path.of(System.getProperty("user.home")), home);

        Path ours = new CacheLocator(Environment.of(vars, Environment.Os.LINUX, System.getProperty("user.home")))
                .hubCache().path();

        assertEquals(Path.of(officialHubCache(vars)), ours);
        assertTrue(ours.startsWith(home), ours.toString());
    }

    @Test
    void tildeInVariablesFollowsHomeToo() throws Exception {
        Path home = srv.resolve("svc");
        var vars = Map.of("HOME", home.toString(), "HF_HOME", "~/hf");

        Path ours = new CacheLocator(Environment.of(vars, Environment.Os.LINUX, "/nonexistent/account"))
                .hubCache().path();

        assertEquals(Path.of(officialHubCache(vars)), ours);
        assertEquals(home.resolve("hf/hub"), ours);
    }
}
