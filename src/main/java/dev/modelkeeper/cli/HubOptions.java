package dev.modelkeeper.cli;

import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubClients;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Option;

/** {@code --endpoint URL} and {@code --trust-mirror}, the same for every command that talks to the Hub. */
final class HubOptions {

    @Option(names = "--endpoint", paramLabel = "URL", descriptionKey = "help.endpoint")
    String endpoint;

    @Option(names = "--trust-mirror", descriptionKey = "help.trustMirror")
    boolean trustMirror;

    /**
     * The Hub client, built where the window builds its own ({@link HubClients}): --endpoint, else HF_ENDPOINT,
     * else the settings, else the Hub; the token from the environment, the official file or the settings.
     */
    HubClient client(Environment env, Settings settings, CacheLocator locator) {
        var paths = AppPaths.of(env);
        Settings s = settings != null ? settings : new SettingsStore(paths.settingsFile()).load();
        return HubClients.create(new OkHttpClient(), env, locator.hfHome(), s.hub(),
                new TokenStore(paths.tokenFile()).load(), endpoint, trustMirror);
    }
}
