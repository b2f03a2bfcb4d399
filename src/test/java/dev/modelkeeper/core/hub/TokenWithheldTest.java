package dev.modelkeeper.core.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's address is not huggingface.co: to the client it is a mirror. */
class TokenWithheldTest {

    private HubEmulator hub;

    @BeforeEach
    void start() throws Exception {
        var repo = FixtureRepo.model("org/gated");
        String c = repo.commit(1);
        repo.file(c, "config.json", "{}").ref("main", c);
        hub = new HubEmulator().add(repo).gate("models", "org/gated", "hf_right");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubClient client(String token, boolean tokenToMirror) {
        return new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), tokenToMirror),
                HubToken.resolve(new Environment(token == null ? Map.of() : Map.of("HF_TOKEN", token),
                        Path.of("/nonexistent"), Environment.Os.LINUX), Path.of("/nonexistent"), null),
                RetryPolicy.standard());
    }

    @Test
    void aRefusalFromAMirrorTheTokenWasHeldBackFromSaysSoAndWhereToAllowIt() {
        var e = assertThrows(HubException.class, () -> client("hf_right", false).repoInfo(RepoType.MODEL, "org/gated",
                "main", Cancellation.create()));

        assertEquals(HubException.Kind.GATED, e.kind());
        assertTrue(e.getMessage().contains("Your token was not sent: " + hub.url() + " is not huggingface.co"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Settings → “Send my token to this mirror”"), e.getMessage());
        assertFalse(e.getMessage().contains("hf_right"));
    }

    @Test
    void withoutATokenOrWithTheMirrorAllowedNothingIsSaidAboutIt() throws Exception {
        var e = assertThrows(HubException.class, () -> client(null, false).repoInfo(RepoType.MODEL, "org/gated",
                "main", Cancellation.create()));
        assertFalse(e.getMessage().contains("token was not sent"), e.getMessage());

        assertEquals("org/gated", client("hf_right", true).repoInfo(RepoType.MODEL, "org/gated", "main",
                Cancellation.create()).id());
    }
}
