package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code endpoint add|list|use|test|remove} and {@code download --profile}, against the emulator as a proxy. */
class EndpointCommandTest {

    @TempDir
    Path home;

    private HubEmulator proxy;
    private String commit;
    private Environment env;
    private final InputStream stdin = System.in;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        var repo = FixtureRepo.model("gpt2");
        commit = repo.commit(1);
        repo.file(commit, "config.json", "{}").ref("main", commit);
        var secret = FixtureRepo.model("corp/secret");
        String s = secret.commit(1);
        secret.file(s, "config.json", "{\"secret\": 1}").ref("main", s);
        proxy = new HubEmulator().underPrefix("/repository/hf").add(repo).add(secret)
                .makePrivate("models", "corp/secret", "nexus_token");
        env = new Environment(Map.of("HF_HUB_CACHE", home.resolve("hub").toString(), "HF_TOKEN", "hf_hub_secret",
                "MODELKEEPER_CONFIG_DIR", home.resolve("cfg").toString()), home, Environment.Os.LINUX);
    }

    @AfterEach
    void stop() {
        System.setIn(stdin);
        proxy.close();
    }

    private Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void addWithATokenFromStdinThenDownloadThroughTheProfile() throws Exception {
        System.setIn(new ByteArrayInputStream("nexus_token\n".getBytes(StandardCharsets.UTF_8)));
        var add = run("endpoint", "add", "nexus", proxy.url(), "--token-stdin");
        assertEquals(0, add.code(), add.err());
        assertTrue(add.out().contains("Added endpoint profile nexus (nexus, " + proxy.url() + ")"), add.out());

        var list = run("endpoint", "list");
        assertTrue(list.out().contains("nexus") && list.out().contains("yes"), list.out());
        assertFalse(list.out().contains("nexus_token"));
        var cfg = new AppPaths(home.resolve("cfg"));
        assertFalse(Files.readString(cfg.settingsFile()).contains("nexus_token"));
        assertEquals("nexus_token", Files.readString(cfg.profileTokenFile("nexus")));

        var download = run("download", "corp/secret", "--profile", "nexus");
        assertEquals(0, download.code(), download.err());
        assertTrue(proxy.authorizations().contains("Bearer nexus_token"));
        assertFalse(proxy.authorizations().contains("Bearer hf_hub_secret"));

        var remove = run("endpoint", "remove", "nexus");
        assertEquals(0, remove.code(), remove.err());
        assertFalse(Files.exists(cfg.profileTokenFile("nexus")));
    }

    @Test
    void theActiveProfileWithheldTheHubTokenAndTheRefusalSaysSo() {
        assertEquals(0, run("endpoint", "add", "nexus", proxy.url()).code());
        assertEquals(0, run("endpoint", "use", "nexus").code());

        var download = run("download", "corp/secret");

        assertEquals(ExitCode.HUB_REFUSED, download.code(), download.err());
        assertTrue(download.err().contains("Your Hugging Face token was not sent: endpoint profile nexus"),
                download.err());
        assertFalse(download.err().contains("hf_hub_secret"));
    }

    @Test
    void testPassesOnTheProxyAndNamesTheDroppedHeader() {
        assertEquals(0, run("endpoint", "add", "nexus", proxy.url()).code());

        var ok = run("endpoint", "test", "nexus");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("works for downloads"), ok.out());

        proxy.stripHeaders("X-Repo-Commit");
        var broken = run("endpoint", "test", "nexus");
        assertEquals(ExitCode.PROBLEMS, broken.code(), broken.out() + broken.err());
        assertTrue(broken.out().contains("FAIL  The endpoint drops the X-Repo-Commit header"), broken.out());
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        var r = run("download", "gpt2", "--profile", "nope");
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertTrue(r.err().startsWith("There is no endpoint profile nope."), r.err());
    }
}
