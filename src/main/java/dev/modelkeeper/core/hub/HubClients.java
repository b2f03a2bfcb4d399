package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The one place that builds the {@link HubClient} for every entry point (the window, {@code download},
 * {@code verify --online}, {@code repair}): the endpoint is {@code --endpoint} when given, else
 * {@code HF_ENDPOINT}, else the settings, else the Hub; the token is {@code HF_TOKEN}, then the official
 * token file, then the one stored in ModelKeeper's settings; it goes to the endpoint's host only, and to a
 * mirror only where the user allowed it.
 */
public final class HubClients {

    private HubClients() {
    }

    /**
     * @param hfHome      {@code HF_HOME}, where the official token file lives
     * @param storedToken the token entered in ModelKeeper's settings, if any
     */
    public static HubClient create(OkHttpClient http, Environment env, Path hfHome, Settings.HubSettings hub,
                                   Optional<String> storedToken) {
        return create(http, env, hfHome, hub, storedToken, null, false);
    }

    /**
     * As {@link #create(OkHttpClient, Environment, Path, Settings.HubSettings, Optional)}, with the command
     * line's {@code --endpoint} (null: none) and {@code --trust-mirror} on top.
     */
    public static HubClient create(OkHttpClient http, Environment env, Path hfHome, Settings.HubSettings hub,
                                   Optional<String> storedToken, String endpointOption, boolean trustOption) {
        var endpoint = endpointOption != null ? HubEndpoint.of(endpointOption, trustOption)
                : HubEndpoint.resolve(env, hub.endpoint(), trustOption || hub.tokenToMirror());
        return new HubClient(http, endpoint, HubToken.resolve(env, hfHome, storedToken.orElse(null)),
                RetryPolicy.standard());
    }
}
