package dev.modelkeeper.ui;

import java.util.ResourceBundle;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;

/**
 * Dialog buttons in the window's language. JavaFX's own {@code ButtonType.CANCEL} and friends take their text
 * from the locale when the class is first loaded, so they stay English after a switch to Chinese.
 */
public final class Buttons {

    private Buttons() {
    }

    public static ButtonType ok(ResourceBundle texts) {
        return new ButtonType(texts.getString("button.ok"), ButtonData.OK_DONE);
    }

    public static ButtonType cancel(ResourceBundle texts) {
        return new ButtonType(texts.getString("button.cancel"), ButtonData.CANCEL_CLOSE);
    }

    public static ButtonType close(ResourceBundle texts) {
        return new ButtonType(texts.getString("button.close"), ButtonData.CANCEL_CLOSE);
    }
}
