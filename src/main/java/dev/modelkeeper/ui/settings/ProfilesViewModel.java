package dev.modelkeeper.ui.settings;

import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.core.hub.EndpointCheck;
import dev.modelkeeper.core.hub.EndpointProfile;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.ui.Dialogs;
import dev.modelkeeper.ui.Errors;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings → Endpoint profiles, without a scene graph: the profiles of settings.json (name, URL, kind), Add (its
 * token in a 0600 file of its own, never in settings.json), Remove, Use (the active profile) and Test
 * ({@link EndpointCheck} off the FX thread, its sentences shown). Changes apply at once, as the other settings.
 */
public final class ProfilesViewModel {

    /** How profiles are reached: their token files and the client HubClients builds for a saved profile. */
    public record Services(Function<String, TokenStore> tokens, BiFunction<Settings, String, HubClient> client,
                           Executor io, Executor check, Executor fx) {
    }

    private final SettingsViewModel settings;
    private final Services services;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    private final ObservableList<Settings.Profile> profiles = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper active = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();

    public ProfilesViewModel(SettingsViewModel settings, Services services, Dialogs dialogs, ResourceBundle texts) {
        this.settings = settings;
        this.services = services;
        this.dialogs = dialogs;
        this.texts = texts;
        reload();
    }

    public ResourceBundle texts() {
        return texts;
    }

    public ObservableList<Settings.Profile> profiles() {
        return profiles;
    }

    /** The active profile's name, or null. */
    public ReadOnlyStringProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** What the last Add or Test said. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    private void reload() {
        profiles.setAll(settings.settings().profiles());
        active.set(settings.settings().activeProfile());
    }

    /**
     * Adds (or replaces) a profile; {@code token} empty keeps no token of its own. Returns false, with the reason
     * in {@link #resultProperty()}, when the name or URL is not valid.
     *
     * @param kind null to guess it from the URL
     */
    public boolean add(String name, String url, EndpointProfile.Kind kind, String token, boolean sendHubToken) {
        String n = name == null ? "" : name.strip();
        if (!EndpointProfile.validName(n)) {
            result.set(MessageFormat.format(texts.getString("profiles.error.name"), n));
            return false;
        }
        EndpointProfile profile;
        try {
            profile = new EndpointProfile(n, url == null ? "" : url.strip(), kind, sendHubToken);
        } catch (IllegalArgumentException e) {
            result.set(MessageFormat.format(texts.getString("profiles.error.url"), url));
            return false;
        }
        var list = new ArrayList<>(settings.settings().profiles());
        list.removeIf(p -> p.name().equals(n));
        list.add(profile.stored());
        settings.update(s -> s.withProfiles(list, s.activeProfile()));
        if (token != null && !token.isBlank()) {
            saveToken(n, token);
        }
        reload();
        result.set(MessageFormat.format(texts.getString("profiles.added"), n, profile.url()));
        return true;
    }

    /** Removes the profile and its token file; it stops being the active one. */
    public void remove(String name) {
        var list = settings.settings().profiles().stream().filter(p -> !p.name().equals(name))
                .collect(Collectors.toList());
        settings.update(s -> s.withProfiles(list, name.equals(s.activeProfile()) ? null : s.activeProfile()));
        saveToken(name, "");
        reload();
        result.set("");
    }

    /** Makes the profile the one downloads use when no endpoint is named (null: none). */
    public void use(String name) {
        settings.update(s -> s.withProfiles(s.profiles(), name));
        reload();
    }

    /** Tests the saved profile in the background: its API, its listing and a download's headers. */
    public void test(String name) {
        Settings current = settings.settings();
        if (current.profile(name).isEmpty()) {
            return;
        }
        testing.set(true);
        result.set(MessageFormat.format(texts.getString("profiles.test.running"), name));
        services.check().execute(() -> {
            String said;
            try {
                // one attempt: a Test should answer in seconds, not after the download's backoff of ~23 s
                var client = services.client().apply(current, name)
                        .withRetryPolicy(dev.modelkeeper.core.hub.RetryPolicy.none());
                var report = new EndpointCheck(client)
                        .run(EndpointCheck.DEFAULT_REPO, Cancellation.create());
                var locale = Errors.locale(texts);
                said = report.findings().stream().map(f -> f.sentence().render(locale))
                        .collect(Collectors.joining("\n"));
            } catch (CancelledException e) {
                said = "";
            } catch (RuntimeException e) {
                said = String.valueOf(e.getMessage());
            }
            String shown = said;
            services.fx().execute(() -> {
                result.set(shown);
                testing.set(false);
            });
        });
    }

    private void saveToken(String name, String token) {
        services.io().execute(() -> {
            try {
                services.tokens().apply(name).save(token);
            } catch (IOException e) {
                services.fx().execute(() -> dialogs.error(texts.getString("error.token"), e));
            }
        });
    }
}
