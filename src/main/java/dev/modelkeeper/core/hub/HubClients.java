package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.TokenStore;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The one place that builds the {@link HubClient} for every entry point (the window, {@code download},
 * {@code verify --online}, {@code repair}, {@code store pull}, {@code update}). The endpoint is, first to last:
 * {@code --endpoint}, {@code --profile}, {@code HF_ENDPOINT}, the active profile, the endpoint in the settings,
 * the Hub. The Hub token is {@code HF_TOKEN}, then the official token file, then the one stored in
 * ModelKeeper's settings; it goes to the endpoint's host only, and to a mirror only where the user allowed it.
 * A profile sends its own token; it gets the Hub token only with {@link EndpointProfile#sendHubToken()}, and a
 * refusal from it then says the token was withheld.
 */
public final class HubClients {

    private HubClients() {
    }

    /** Where ModelKeeper keeps tokens: the Hub token of the settings and each profile's own. */
    public interface Tokens {
        Optional<String> hub();

        Optional<String> profile(String name);

        /** The files under {@code paths}: {@code token} and {@code profiles/<name>.token}, both 0600. */
        static Tokens in(AppPaths paths) {
            return new Tokens() {
                @Override
                public Optional<String> hub() {
                    return new TokenStore(paths.tokenFile()).load();
                }

                @Override
                public Optional<String> profile(String name) {
                    return EndpointProfile.validName(name) ? new TokenStore(paths.profileTokenFile(name)).load()
                            : Optional.empty();
                }
            };
        }
    }

    /**
     * The client for {@code --endpoint} > {@code --profile} > {@code HF_ENDPOINT} > the active profile > the
     * settings' endpoint > the Hub.
     *
     * @param hfHome         {@code HF_HOME}, where the official token file lives
     * @param endpointOption {@code --endpoint}, or null
     * @param profileOption  {@code --profile}, or null; it must name a profile of {@code settings}
     * @throws IllegalArgumentException when {@code profileOption} names no profile
     */
    public static HubClient create(OkHttpClient http, Environment env, Path hfHome, Settings settings, Tokens tokens,
                                   String endpointOption, String profileOption, boolean trustOption) {
        Optional<HubToken> hubToken = HubToken.resolve(env, hfHome, tokens.hub().orElse(null));
        if (endpointOption != null) {
            return new HubClient(http, HubEndpoint.of(endpointOption, trustOption), hubToken, RetryPolicy.standard());
        }
        if (profileOption != null) {
            var stored = settings.profile(profileOption)
                    .orElseThrow(() -> new IllegalArgumentException("No endpoint profile " + profileOption));
            return forProfile(http, EndpointProfile.of(stored), tokens, hubToken, trustOption);
        }
        boolean fromEnv = env.get("HF_ENDPOINT").filter(v -> !v.isBlank()).isPresent();
        var active = fromEnv || settings.activeProfile() == null ? Optional.<Settings.Profile>empty()
                : settings.profile(settings.activeProfile());
        if (active.isPresent()) {
            return forProfile(http, EndpointProfile.of(active.get()), tokens, hubToken, trustOption);
        }
        var hub = settings.hub();
        return new HubClient(http, HubEndpoint.resolve(env, hub.endpoint(), trustOption || hub.tokenToMirror()),
                hubToken, RetryPolicy.standard());
    }

    /** A profile's client: its own token, else the Hub token if allowed; its long timeouts. */
    public static HubClient forProfile(OkHttpClient http, EndpointProfile profile, Tokens tokens,
                                       Optional<HubToken> hubToken, boolean trustOption) {
        Optional<HubToken> own = tokens.profile(profile.name()).flatMap(t -> HubToken.of(t, "profile " + profile.name()));
        var endpoint = HubEndpoint.of(profile.url(), true); // whatever token is chosen below is meant for it
        boolean hubTokenAllowed = profile.sendHubToken() || trustOption || endpoint.isOfficial();
        Optional<HubToken> sent = own.isPresent() ? own : hubTokenAllowed ? hubToken : Optional.empty();
        boolean withheld = own.isEmpty() && !hubTokenAllowed && hubToken.isPresent();
        OkHttpClient timed = http.newBuilder().connectTimeout(profile.connectTimeout())
                .readTimeout(profile.readTimeout()).build();
        return new HubClient(timed, endpoint, sent, RetryPolicy.standard(), withheld ? profile : null);
    }
}
