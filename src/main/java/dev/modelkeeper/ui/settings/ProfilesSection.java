package dev.modelkeeper.ui.settings;

import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.hub.EndpointProfile;
import java.util.ResourceBundle;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Settings → Endpoint profiles: the table of profiles (name, URL, kind, which one is used), a form to add one
 * (its token saved apart, readable by you only; the Hugging Face token sent only when ticked), and Remove, Use and
 * Test for the selected one. Each button applies at once.
 */
public final class ProfilesSection extends TitledPane {

    public ProfilesSection(ProfilesViewModel model) {
        ResourceBundle texts = model.texts();
        setText(texts.getString("profiles.title"));
        setId("profiles-section");
        var table = new TableView<>(model.profiles());
        table.setId("profiles-table");
        table.setPrefHeight(120);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column(texts.getString("profiles.col.name"), 110, p -> p.name()
                + (p.name().equals(model.activeProperty().get()) ? " \u2713" : "")));
        table.getColumns().add(column(texts.getString("profiles.col.url"), 260, Settings.Profile::url));
        table.getColumns().add(column(texts.getString("profiles.col.kind"), 90, Settings.Profile::kind));
        table.setPlaceholder(new Label(texts.getString("profiles.empty")));
        model.activeProperty().addListener((o, a, b) -> table.refresh());

        var name = new TextField();
        name.setId("profile-name");
        name.setPromptText("corp-proxy");
        var url = new TextField();
        url.setId("profile-url");
        url.setPromptText("https://artifactory.example.com/artifactory/api/huggingfaceml/hf");
        var kind = new ChoiceBox<EndpointProfile.Kind>();
        kind.setId("profile-kind");
        kind.getItems().add(null);
        kind.getItems().addAll(EndpointProfile.Kind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(EndpointProfile.Kind k) {
                return k == null ? texts.getString("profiles.kind.guess") : k.id();
            }

            @Override
            public EndpointProfile.Kind fromString(String s) {
                return null;
            }
        });
        var token = new PasswordField();
        token.setId("profile-token");
        token.setPromptText(texts.getString("profiles.token.prompt"));
        var sendHub = new CheckBox(texts.getString("profiles.sendHubToken"));
        sendHub.setId("profile-send-hub-token");
        sendHub.setSelected(false);
        var add = new Button(texts.getString("profiles.add"));
        add.setId("profile-add");
        add.disableProperty().bind(name.textProperty().isEmpty().or(url.textProperty().isEmpty()));
        add.setOnAction(e -> {
            if (model.add(name.getText(), url.getText(), kind.getValue(), token.getText(), sendHub.isSelected())) {
                name.clear();
                url.clear();
                token.clear();
                kind.setValue(null);
                sendHub.setSelected(false);
            }
        });

        var selected = table.getSelectionModel().selectedItemProperty();
        var remove = new Button(texts.getString("profiles.remove"));
        remove.setId("profile-remove");
        remove.disableProperty().bind(selected.isNull());
        remove.setOnAction(e -> model.remove(selected.get().name()));
        var use = new Button(texts.getString("profiles.use"));
        use.setId("profile-use");
        use.disableProperty().bind(selected.isNull());
        use.setOnAction(e -> model.use(selected.get().name()));
        var stop = new Button(texts.getString("profiles.useNone"));
        stop.setId("profile-use-none");
        stop.disableProperty().bind(model.activeProperty().isNull());
        stop.setOnAction(e -> model.use(null));
        var test = new Button(texts.getString("profiles.test"));
        test.setId("profile-test");
        test.disableProperty().bind(selected.isNull().or(model.testingProperty()));
        test.setOnAction(e -> model.test(selected.get().name()));
        var result = new Label();
        result.setId("profile-result");
        result.setWrapText(true);
        result.setMaxWidth(520);
        result.textProperty().bind(model.resultProperty());

        var form = new GridPane(10, 8);
        form.addRow(0, new Label(texts.getString("profiles.name")), name);
        form.addRow(1, new Label(texts.getString("profiles.url")), url);
        form.addRow(2, new Label(texts.getString("profiles.kind")), kind);
        form.addRow(3, new Label(texts.getString("profiles.token")), token);
        form.add(sendHub, 1, 4);
        form.add(add, 1, 5);
        setContent(new VBox(8, table, new HBox(8, use, stop, remove, test), result, form));
        setExpanded(!model.profiles().isEmpty());
    }

    private static TableColumn<Settings.Profile, String> column(String title, double width,
                                                                 java.util.function.Function<Settings.Profile, String> text) {
        var c = new TableColumn<Settings.Profile, String>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new SimpleStringProperty(text.apply(f.getValue())));
        return c;
    }
}
