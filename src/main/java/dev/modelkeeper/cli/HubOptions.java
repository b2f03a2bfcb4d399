package dev.modelkeeper.cli;

import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.HubToken;
import dev.modelkeeper.core.hub.RetryPolicy;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Option;

/** {@code --endpoint URL} and {@code --trust-mirror}, the same for every command that talks to the Hub. */
final class HubOptions {

    @Option(names = "--endpoint", paramLabel = "URL", descriptionKey = "help.endpoint")
    String endpoint;

    @Option(names = "--trust-mirror", descriptionKey = "help.trustMirror")
    boolean trustMirror;

    /** The Hub client: --endpoint, else HF_ENDPOINT, else the window's setting (when given), else the Hub. */
    HubClient client(Environment env, Settings settings, CacheLocator locator) {
        HubEndpoint ep;
        if (endpoint != null) {
            ep = HubEndpoint.of(endpoint, trustMirror);
        } else if (settings == null) {
            ep = HubEndpoint.resolve(env, null, trustMirror);
        } else {
            ep = HubEndpoint.resolve(env, settings.hub().endpoint(), trustMirror || settings.hub().tokenToMirror());
        }
        return new HubClient(new OkHttpClient(), ep, HubToken.resolve(env, locator.hfHome(), null),
                RetryPolicy.standard());
    }
}
