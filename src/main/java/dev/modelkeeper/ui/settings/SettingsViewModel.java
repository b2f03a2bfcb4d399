package dev.modelkeeper.ui.settings;

import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.ui.Dialogs;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The settings the window works with, and the Hub token: changes apply at once and are saved in the
 * background (a failed save is one sentence, the settings in memory stay as changed). The token's text
 * is never kept here, only whether one is stored.
 */
public final class SettingsViewModel {

    private final SettingsStore store;
    private final TokenStore tokens;
    private final Executor ioExecutor;
    private final Executor fx;
    private final Dialogs dialogs;
    private final ResourceBundle texts;
    // read by download threads when they build their Hub client
    private volatile Settings settings;
    private volatile boolean tokenStored;

    /** Reads whether a token is stored: call off the FX thread (the window's context is built in init). */
    public SettingsViewModel(Settings settings, SettingsStore store, TokenStore tokens, Executor ioExecutor,
                             Executor fx, Dialogs dialogs, ResourceBundle texts) {
        this.settings = settings;
        this.store = store;
        this.tokens = tokens;
        this.ioExecutor = ioExecutor;
        this.fx = fx;
        this.dialogs = dialogs;
        this.texts = texts;
        this.tokenStored = tokens.load().isPresent();
    }

    public Settings settings() {
        return settings;
    }

    /** Changes the settings and saves them in the background. */
    public void update(UnaryOperator<Settings> change) {
        settings = change.apply(settings);
        Settings snapshot = settings;
        ioExecutor.execute(() -> {
            try {
                store.save(snapshot);
            } catch (IOException e) {
                fx.execute(() -> dialogs.error(MessageFormat.format(texts.getString("error.settings"),
                        store.file()), e));
            }
        });
    }

    /** Saves the download settings; a non-null token replaces the stored one ("" removes it). */
    public void saveHubSettings(Settings.HubSettings hub, String newToken) {
        update(s -> s.withHub(hub));
        if (newToken != null) {
            tokenStored = !newToken.isBlank();
            ioExecutor.execute(() -> {
                try {
                    tokens.save(newToken);
                } catch (IOException e) {
                    fx.execute(() -> dialogs.error(texts.getString("error.token"), e));
                }
            });
        }
    }

    /** Whether a token is stored in ModelKeeper's settings (its text is never shown). */
    public boolean hasStoredToken() {
        return tokenStored;
    }
}
