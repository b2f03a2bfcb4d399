package dev.modelkeeper.core.env;

import java.nio.file.Path;
import java.util.List;

/**
 * What the user chose, kept across runs. Immutable; change it with the {@code with...} methods and
 * save it through {@link SettingsStore}. The access token is not here: it lives in its own file with
 * owner-only permissions ({@link TokenStore}).
 *
 * @param userRoots   cache folders the user added, in the order they were added
 * @param window      last window position and size, or null before the first run
 * @param language    UI language tag ({@code en}, {@code zh-CN}), or null for the system language
 * @param hub         where to download from
 * @param thresholds  when a cache or its disk counts as too full (metrics and alerts)
 * @param theme       the window's colours: {@code system} (follow the desktop), {@code light} or {@code dark}
 * @param profiles    endpoint profiles (pull-through proxies and mirrors), by name; their tokens are in files of
 *                    their own ({@link AppPaths#profileTokenFile})
 * @param activeProfile the profile used when no endpoint is named, or null for none
 * @param metrics     whether the window serves /metrics on the loopback address, and on which port
 */
public record Settings(List<Path> userRoots, WindowBounds window, String language, HubSettings hub,
                       Thresholds thresholds, String theme, List<Profile> profiles, String activeProfile,
                       MetricsServing metrics) {

    /** Follow the desktop's light or dark preference. */
    public static final String THEME_SYSTEM = "system";

    /** Position and size of the main window. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    /**
     * Download settings.
     *
     * @param endpoint    Hub or mirror URL, or null for https://huggingface.co ({@code HF_ENDPOINT} wins over it)
     * @param tokenToMirror send the token to this endpoint even though it is not an official Hub host
     * @param concurrency files downloaded at once
     * @param maxBytesPerSecond download speed cap for all downloads together; 0 means none
     */
    public record HubSettings(String endpoint, boolean tokenToMirror, int concurrency, long maxBytesPerSecond) {

        public static final int DEFAULT_CONCURRENCY = 8;

        public HubSettings {
            concurrency = concurrency <= 0 ? DEFAULT_CONCURRENCY : Math.min(concurrency, 32);
            maxBytesPerSecond = Math.max(0, maxBytesPerSecond);
        }

        public static HubSettings defaults() {
            return new HubSettings(null, false, DEFAULT_CONCURRENCY, 0);
        }
    }

    /**
     * An endpoint profile as stored in settings.json; {@code core.hub.EndpointProfile} checks and uses it.
     *
     * @param kind                  hub, artifactory, nexus, olah, hf-mirror or other
     * @param sendHubToken          the Hugging Face token may go to this endpoint (never by default)
     * @param connectTimeoutSeconds 0 for the default
     * @param readTimeoutSeconds    0 for the default
     */
    public record Profile(String name, String url, String kind, boolean sendHubToken, int connectTimeoutSeconds,
                          int readTimeoutSeconds) {
    }

    /**
     * View → Serve metrics: off by default; the port is Prometheus' usual one for exporters unless changed in
     * settings.json.
     */
    public record MetricsServing(boolean on, int port) {

        public static final int DEFAULT_PORT = 9464;

        public MetricsServing {
            port = port <= 0 || port > 65_535 ? DEFAULT_PORT : port;
        }

        public static MetricsServing defaults() {
            return new MetricsServing(false, DEFAULT_PORT);
        }
    }

    public Settings(List<Path> userRoots, WindowBounds window, String language, HubSettings hub,
                    Thresholds thresholds, String theme, List<Profile> profiles, String activeProfile) {
        this(userRoots, window, language, hub, thresholds, theme, profiles, activeProfile, null);
    }

    public Settings(List<Path> userRoots, WindowBounds window, String language, HubSettings hub,
                    Thresholds thresholds, String theme) {
        this(userRoots, window, language, hub, thresholds, theme, List.of(), null);
    }

    public Settings {
        userRoots = List.copyOf(userRoots);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        activeProfile = activeProfile == null || activeProfile.isBlank() ? null : activeProfile;
        hub = hub == null ? HubSettings.defaults() : hub;
        thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
        theme = theme == null || theme.isBlank() ? THEME_SYSTEM : theme;
        metrics = metrics == null ? MetricsServing.defaults() : metrics;
    }

    /** Settings with the default thresholds that follow the desktop's theme. */
    public Settings(List<Path> userRoots, WindowBounds window, String language, HubSettings hub) {
        this(userRoots, window, language, hub, Thresholds.defaults(), THEME_SYSTEM);
    }

    /** Settings that follow the desktop's theme. */
    public Settings(List<Path> userRoots, WindowBounds window, String language, HubSettings hub,
                    Thresholds thresholds) {
        this(userRoots, window, language, hub, thresholds, THEME_SYSTEM);
    }

    /** Settings with the default thresholds. */
    public Settings(List<Path> userRoots, WindowBounds window, String language, HubSettings hub, String theme) {
        this(userRoots, window, language, hub, Thresholds.defaults(), theme);
    }

    public static Settings defaults() {
        return new Settings(List.of(), null, null, HubSettings.defaults());
    }

    public Settings withUserRoots(List<Path> roots) {
        return new Settings(roots, window, language, hub, thresholds, theme, profiles, activeProfile, metrics);
    }

    public Settings withWindow(WindowBounds bounds) {
        return new Settings(userRoots, bounds, language, hub, thresholds, theme, profiles, activeProfile, metrics);
    }

    public Settings withLanguage(String tag) {
        return new Settings(userRoots, window, tag, hub, thresholds, theme, profiles, activeProfile, metrics);
    }

    public Settings withHub(HubSettings settings) {
        return new Settings(userRoots, window, language, settings, thresholds, theme, profiles, activeProfile, metrics);
    }

    public Settings withThresholds(Thresholds limits) {
        return new Settings(userRoots, window, language, hub, limits, theme, profiles, activeProfile, metrics);
    }

    public Settings withTheme(String choice) {
        return new Settings(userRoots, window, language, hub, thresholds, choice, profiles, activeProfile, metrics);
    }

    public Settings withMetrics(MetricsServing serving) {
        return new Settings(userRoots, window, language, hub, thresholds, theme, profiles, activeProfile, serving);
    }

    public Settings withProfiles(List<Profile> list, String active) {
        return new Settings(userRoots, window, language, hub, thresholds, theme, list, active, metrics);
    }

    /** The profile called {@code name}, if any. */
    public java.util.Optional<Profile> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
