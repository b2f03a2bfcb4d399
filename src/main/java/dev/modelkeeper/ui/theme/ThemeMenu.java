package dev.modelkeeper.ui.theme;

import java.util.ResourceBundle;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import org.kordamp.ikonli.material2.Material2MZ;

/** View → Theme: System, Light, Dark; the checked one is the current choice. */
public final class ThemeMenu extends Menu {

    public ThemeMenu(ThemeModel model, ResourceBundle texts) {
        super(texts.getString("menu.view.theme"), Icons.of(Material2MZ.PALETTE));
        setId("menu-theme");
        var group = new ToggleGroup();
        for (Theme theme : Theme.values()) {
            var item = new RadioMenuItem(texts.getString("menu.view.theme." + theme.key()));
            item.setId("theme-" + theme.key());
            item.setToggleGroup(group);
            item.setSelected(model.choiceProperty().get() == theme);
            item.setOnAction(e -> model.choiceProperty().set(theme));
            getItems().add(item);
        }
        model.choiceProperty().addListener((obs, old, now) -> group.getToggles().get(now.ordinal()).setSelected(true));
    }
}
