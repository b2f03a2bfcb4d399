package dev.modelkeeper.core.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoint profiles: the emulator behind a path prefix, as Artifactory serves the Hub, works as a profile; a
 * profile sends its own token and never the Hub token unless allowed; the endpoint test passes on a working
 * proxy and names the header a broken one drops.
 */
class EndpointProfileTest {

    private static final String PREFIX = "/artifactory/api/huggingfaceml/hf";

    @TempDir
    Path home;

    private HubEmulator proxy;
    private String commit;
    private AppPaths paths;

    @BeforeEach
    void start() throws Exception {
        var gpt2 = FixtureRepo.model("gpt2");
        commit = gpt2.commit(1);
        gpt2.file(commit, "config.json", "{\"n_layer\": 12}").file(commit, "vocab.txt", "a\nb\n")
                .lfsFile(commit, "model.safetensors", "weights".repeat(1000).getBytes(StandardCharsets.UTF_8))
                .ref("main", commit);
        var gated = FixtureRepo.model("org/gated");
        String g = gated.commit(1);
        gated.file(g, "config.json", "{}").ref("main", g);
        proxy = new HubEmulator().underPrefix(PREFIX).add(gpt2).add(gated).pageSize(2)
                .makePrivate("models", "org/gated", "corp_token");
        paths = new AppPaths(home.resolve("cfg"));
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private Environment env(Map<String, String> vars) {
        return new Environment(vars, home, Environment.Os.LINUX);
    }

    private Settings settings(boolean sendHubToken, String active) {
        return Settings.defaults().withProfiles(List.of(new EndpointProfile("corp", proxy.url(), null, sendHubToken)
                .stored()), active);
    }

    private HubClient client(Settings settings, Map<String, String> vars, String endpoint, String profile) {
        return HubClients.create(new OkHttpClient(), env(vars), home.resolve("hf"), settings,
                HubClients.Tokens.in(paths), endpoint, profile, false);
    }

    @Test
    void aProxyBelowAPathPrefixServesADownloadAsAProfile() throws Exception {
        var client = client(settings(false, "corp"), Map.of(), null, null);
        Path cache = home.resolve("hub");

        new DownloadOperation(client, new DownloadRequest(RepoType.MODEL, "gpt2", "main", List.of(), List.of(), cache,
                false), 2).run(ProgressListener.NONE, Cancellation.create());

        Path snapshot = cache.resolve("models--gpt2/snapshots/" + commit);
        assertEquals("{\"n_layer\": 12}", Files.readString(snapshot.resolve("config.json")));
        assertEquals(7000, Files.size(snapshot.resolve("model.safetensors")));
        assertEquals(EndpointProfile.Kind.ARTIFACTORY, EndpointProfile.of(settings(false, null).profiles().getFirst()).kind());
        assertEquals(EndpointProfile.READ_TIMEOUT, client.readTimeout(), "a proxy fetches from the Hub first: long timeouts");
    }

    @Test
    void aProfileSendsItsOwnTokenAndNeverTheHubToken() throws Exception {
        new TokenStore(paths.profileTokenFile("corp")).save("corp_token");
        var client = client(settings(false, null), Map.of("HF_TOKEN", "hf_hub_secret"), null, "corp");

        assertEquals("org/gated", client.repoInfo(RepoType.MODEL, "org/gated", "main", Cancellation.create()).id());
        assertTrue(proxy.authorizations().contains("Bearer corp_token"));
        assertFalse(proxy.authorizations().contains("Bearer hf_hub_secret"));
    }

    @Test
    void theHubTokenIsWithheldUnlessAllowedAndTheRefusalSaysSo() throws Exception {
        var withheld = client(settings(false, "corp"), Map.of("HF_TOKEN", "hf_hub_secret"), null, null);

        var e = assertThrows(HubException.class, () -> withheld.repoInfo(RepoType.MODEL, "org/gated", "main",
                Cancellation.create()));
        assertTrue(proxy.authorizations().stream().allMatch(Objects::isNull), proxy.authorizations().toString());
        String sentence = e.message(Locale.ENGLISH);
        assertTrue(sentence.contains("Your Hugging Face token was not sent: endpoint profile corp"), sentence);
        assertTrue(sentence.contains("--send-hub-token"), sentence);
        assertFalse(sentence.contains("hf_hub_secret"));
        assertTrue(e.message(Locale.SIMPLIFIED_CHINESE).contains("令牌未被发送"));

        var allowed = client(settings(true, "corp"), Map.of("HF_TOKEN", "hf_hub_secret"), null, null);
        var refused = assertThrows(HubException.class, () -> allowed.repoInfo(RepoType.MODEL, "org/gated", "main",
                Cancellation.create()));
        assertTrue(proxy.authorizations().contains("Bearer hf_hub_secret"), "allowed: sent");
        assertFalse(refused.message(Locale.ENGLISH).contains("was not sent"), "sent, and refused for another reason");
    }

    @Test
    void endpointThenProfileThenHfEndpointThenActiveProfileThenSettings() throws Exception {
        var s = settings(false, "corp").withHub(new Settings.HubSettings("https://settings.example", false, 8, 0))
                .withProfiles(List.of(new EndpointProfile("corp", proxy.url(), null, false).stored(),
                        new EndpointProfile("other", "https://other.example/repository/hf", null, false).stored()), "corp");
        var env = Map.of("HF_ENDPOINT", "https://env.example");
        assertEquals("https://cli.example/", host(client(s, env, "https://cli.example", "other")));
        assertEquals("https://other.example/repository/hf", host(client(s, env, null, "other")));
        assertEquals("https://env.example/", host(client(s, env, null, null)));
        assertEquals(proxy.url(), host(client(s, Map.of(), null, null)));
        assertEquals("https://settings.example/", host(client(s.withProfiles(s.profiles(), null), Map.of(), null, null)));
        assertThrows(IllegalArgumentException.class, () -> client(s, Map.of(), null, "nope"));
    }

    private static String host(HubClient c) {
        return c.endpoint().url().toString();
    }

    @Test
    void profilesLiveInSettingsAndTheirTokensInPrivateFilesOfTheirOwn() throws Exception {
        var store = new SettingsStore(paths.settingsFile());
        var profile = new EndpointProfile("corp", proxy.url() + "/", EndpointProfile.Kind.NEXUS, true,
                Duration.ofSeconds(5), Duration.ofSeconds(900));
        store.save(Settings.defaults().withProfiles(List.of(profile.stored()), "corp"));
        new TokenStore(paths.profileTokenFile("corp")).save("corp_token");

        var loaded = store.load();
        assertEquals("corp", loaded.activeProfile());
        assertEquals(profile, EndpointProfile.of(loaded.profiles().getFirst()));
        assertFalse(Files.readString(paths.settingsFile()).contains("corp_token"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                paths.profileTokenFile("corp"))));
        assertThrows(IllegalArgumentException.class, () -> new EndpointProfile("../evil", proxy.url(), null, false));
    }

    @Test
    void theTestPassesOnAWorkingProxy() throws Exception {
        var report = new EndpointCheck(client(settings(false, null), Map.of(), null, "corp")).run("gpt2",
                Cancellation.create());

        assertTrue(report.passed(), report.toString());
        assertEquals(3, report.findings().size());
        assertTrue(report.findings().getLast().sentence().render(Locale.ENGLISH).contains("carries X-Repo-Commit and an ETag"));
    }

    @Test
    void theTestNamesAProxyThatDropsXRepoCommit() throws Exception {
        proxy.stripHeaders("X-Repo-Commit");

        var report = new EndpointCheck(client(settings(false, null), Map.of(), null, "corp")).run("gpt2",
                Cancellation.create());

        assertFalse(report.passed());
        var failed = report.findings().stream().filter(f -> !f.passed()).toList();
        assertEquals(1, failed.size(), report.toString());
        assertEquals("check.resolve.noCommit", failed.getFirst().sentence().key());
        assertTrue(failed.getFirst().sentence().render(Locale.ENGLISH).startsWith(
                "The endpoint drops the X-Repo-Commit header from downloads"));
    }

    @Test
    void theTestNamesAProxyThatPassesTheXetRedirectThrough() throws Exception {
        proxy.intercept(ex -> {
            if (!ex.getRequestMethod().equals("HEAD") || !ex.getRequestURI().getPath().contains("/resolve/")) {
                return false;
            }
            var h = ex.getResponseHeaders();
            h.set("X-Repo-Commit", commit);
            h.set("X-Linked-Etag", "\"" + "a".repeat(64) + "\"");
            h.set("X-Linked-Size", "7000");
            h.set("X-Xet-Hash", "b".repeat(64));
            h.set("Location", "https://cas-bridge.xethub.hf.co/xet-bridge-us/abc");
            ex.sendResponseHeaders(302, -1);
            return true;
        });

        var report = new EndpointCheck(client(settings(false, null), Map.of(), null, "corp")).run("gpt2",
                Cancellation.create());

        var failed = report.findings().stream().filter(f -> !f.passed()).toList();
        assertEquals(1, failed.size(), report.toString());
        assertEquals("check.resolve.xet", failed.getFirst().sentence().key());
        assertTrue(failed.getFirst().sentence().render(Locale.ENGLISH).contains("cas-bridge.xethub.hf.co"));
    }

    @Test
    void aProfileWithoutTokensSendsNone() throws Exception {
        var vars = new HashMap<String, String>();
        client(settings(false, null), vars, null, "corp").repoInfo(RepoType.MODEL, "gpt2", "main", Cancellation.create());
        assertTrue(proxy.authorizations().stream().allMatch(Objects::isNull));
    }
}
