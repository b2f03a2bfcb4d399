package dev.modelkeeper.ui.settings;

import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.hub.HubEndpoint;
import java.util.ResourceBundle;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;

/**
 * Download settings: endpoint (the Hub, hf-mirror.com or any URL), whether the token may go to that
 * mirror, the token itself, and how many files download at once. The result carries the new token
 * only when the user typed one.
 */
public final class SettingsDialog extends Dialog<SettingsDialog.Result> {

    /** What the user chose; {@code token} is null when left untouched, "" to remove it. */
    public record Result(Settings.HubSettings hub, String token) {
    }

    private final javafx.scene.layout.VBox content;

    public SettingsDialog(Settings.HubSettings current, boolean tokenStored, String environmentEndpoint,
                          ResourceBundle texts) {
        setTitle(texts.getString("settings.title"));
        setHeaderText(environmentEndpoint == null ? texts.getString("settings.header")
                : java.text.MessageFormat.format(texts.getString("settings.header.env"), environmentEndpoint));
        ButtonType ok = dev.modelkeeper.ui.Buttons.ok(texts);
        getDialogPane().getButtonTypes().addAll(ok, dev.modelkeeper.ui.Buttons.cancel(texts));
        getDialogPane().setId("settings-dialog");
        var endpoint = new ComboBox<String>();
        endpoint.setId("settings-endpoint");
        endpoint.setEditable(true);
        endpoint.getItems().setAll(HubEndpoint.DEFAULT, HubEndpoint.HF_MIRROR);
        endpoint.setValue(current.endpoint() == null ? HubEndpoint.DEFAULT : current.endpoint());
        endpoint.setPrefWidth(320);
        var trust = new CheckBox(texts.getString("settings.trustMirror"));
        trust.setId("settings-trust");
        trust.setSelected(current.tokenToMirror());
        var token = new PasswordField();
        token.setId("settings-token");
        token.setPromptText(texts.getString(tokenStored ? "settings.token.stored" : "settings.token.none"));
        var concurrency = new Spinner<Integer>(1, 32, current.concurrency());
        concurrency.setId("settings-concurrency");
        var rate = new Spinner<Integer>(0, 10_000, (int) (current.maxBytesPerSecond() / 1_000_000));
        rate.setId("settings-rate");
        rate.setEditable(true);
        var grid = new GridPane(10, 8);
        grid.addRow(0, new Label(texts.getString("settings.endpoint")), endpoint);
        grid.add(trust, 1, 1);
        grid.addRow(2, new Label(texts.getString("settings.token")), token);
        grid.addRow(3, new Label(texts.getString("settings.concurrency")), concurrency);
        grid.addRow(4, new Label(texts.getString("settings.rate")), rate);
        content = new javafx.scene.layout.VBox(12, grid);
        getDialogPane().setContent(content);
        setResultConverter(b -> b != ok ? null : new Result(new Settings.HubSettings(
                endpointOrNull(endpoint.getEditor().getText()), trust.isSelected(), concurrency.getValue(),
                rate.getValue() * 1_000_000L),
                token.getText().isEmpty() ? null : token.getText()));
    }

    /** Adds a feature's section below the download settings (the team store). */
    public void addSection(javafx.scene.Node section) {
        content.getChildren().add(section);
    }

    /** The official Hub is stored as "no choice", so a later change of the default follows. */
    private static String endpointOrNull(String text) {
        String t = text == null ? "" : text.strip().replaceAll("/+$", "");
        return t.isEmpty() || t.equals(HubEndpoint.DEFAULT) ? null : t;
    }
}
