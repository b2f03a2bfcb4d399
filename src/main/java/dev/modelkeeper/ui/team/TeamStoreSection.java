package dev.modelkeeper.ui.team;

import dev.modelkeeper.core.team.SavedStore;
import java.util.ResourceBundle;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;

/**
 * Settings → Team store: the store's address, the S3 endpoint, the access key and the secret (only replaced when
 * typed), and "Test connection", which says OK or the store's sentence. {@link #save()} when the dialog is confirmed.
 */
public final class TeamStoreSection extends TitledPane {

    private final TeamViewModel model;
    private final TextField address = new TextField();
    private final TextField endpoint = new TextField();
    private final TextField accessKey = new TextField();
    private final PasswordField secret = new PasswordField();
    private final Button test;
    private final Label result = new Label();

    public TeamStoreSection(TeamViewModel model) {
        this.model = model;
        ResourceBundle texts = model.texts();
        setText(texts.getString("team.settings.title"));
        setId("team-store-section");
        address.setId("team-address");
        address.setPromptText("s3://bucket/prefix");
        endpoint.setId("team-endpoint");
        endpoint.setPromptText(texts.getString("team.settings.endpoint.prompt"));
        accessKey.setId("team-access-key");
        secret.setId("team-secret");
        secret.setPromptText(texts.getString(model.hasStoredSecret() ? "team.settings.secret.stored"
                : "team.settings.secret.none"));
        SavedStore s = model.store();
        address.setText(s.address());
        endpoint.setText(s.endpoint());
        accessKey.setText(s.accessKey());
        test = new Button(texts.getString("team.settings.test"));
        test.setId("team-test");
        test.disableProperty().bind(model.testingProperty().or(address.textProperty().isEmpty()));
        test.setOnAction(e -> model.testConnection(typed(), secret.getText()));
        result.setId("team-test-result");
        result.setWrapText(true);
        result.setMaxWidth(420);
        result.textProperty().bind(model.testResultProperty());
        var grid = new GridPane(10, 8);
        grid.addRow(0, new Label(texts.getString("team.settings.address")), address);
        grid.addRow(1, new Label(texts.getString("team.settings.endpoint")), endpoint);
        grid.addRow(2, new Label(texts.getString("team.settings.accessKey")), accessKey);
        grid.addRow(3, new Label(texts.getString("team.settings.secret")), secret);
        grid.addRow(4, test, result);
        var status = new Label();
        status.setId("team-store-status"); // what the badges are based on: the last listing, or why there is none
        status.setWrapText(true);
        status.setMaxWidth(420);
        status.textProperty().bind(model.storeStatusProperty());
        grid.add(status, 0, 5, 2, 1);
        setContent(grid);
        setExpanded(s.isConfigured());
    }

    private SavedStore typed() {
        return new SavedStore(address.getText(), endpoint.getText(), accessKey.getText());
    }

    /** Saves what the section shows; the secret only when one was typed. */
    public void save() {
        model.save(typed(), secret.getText().isEmpty() ? null : secret.getText());
    }
}
