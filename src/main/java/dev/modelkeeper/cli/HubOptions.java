package dev.modelkeeper.cli;

import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubClients;
import java.text.MessageFormat;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --endpoint URL}, {@code --profile NAME} and {@code --trust-mirror}, the same for every command that talks
 * to the Hub.
 */
final class HubOptions {

    @Option(names = "--endpoint", paramLabel = "URL", descriptionKey = "help.endpoint")
    String endpoint;

    @Option(names = "--profile", paramLabel = "NAME", descriptionKey = "help.profile")
    String profile;

    @Option(names = "--trust-mirror", descriptionKey = "help.trustMirror")
    boolean trustMirror;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /**
     * The Hub client, built where the window builds its own ({@link HubClients}): --endpoint, else --profile, else
     * HF_ENDPOINT, else the active profile, else the settings, else the Hub; the token from the environment, the
     * official file or the settings, or the profile's own.
     */
    HubClient client(Environment env, Settings settings, CacheLocator locator) {
        var paths = AppPaths.of(env);
        Settings s = settings != null ? settings : new SettingsStore(paths.settingsFile()).load();
        if (endpoint == null && profile != null && s.profile(profile).isEmpty()) {
            throw new ParameterException(mixee.commandLine(), MessageFormat.format(
                    mixee.resourceBundle().getString("endpoint.unknown"), profile));
        }
        return HubClients.create(new OkHttpClient(), env, locator.hfHome(), s, HubClients.Tokens.in(paths), endpoint,
                profile, trustMirror);
    }
}
