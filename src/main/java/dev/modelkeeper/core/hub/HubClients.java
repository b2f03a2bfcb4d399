package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** Builds the {@link HubClient} the user's settings and environment describe. */
public final class HubClients {

    private HubClients() {
    }

    /**
     * @param hfHome      {@code HF_HOME}, where the official token file lives
     * @param storedToken the token entered in ModelKeeper's settings, if any
     */
    public static HubClient create(OkHttpClient http, Environment env, Path hfHome, Settings.HubSettings hub,
                                   Optional<String> storedToken) {
        var endpoint = HubEndpoint.resolve(env, hub.endpoint(), hub.tokenToMirror());
        return new HubClient(http, endpoint, HubToken.resolve(env, hfHome, storedToken.orElse(null)),
                RetryPolicy.standard());
    }
}
