package dev.modelkeeper.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ResourceBundle;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** {@link Dialogs} as JavaFX alerts, owned by the main window. */
public final class FxDialogs implements Dialogs {

    private final ResourceBundle texts;
    private Window owner;

    FxDialogs(ResourceBundle texts) {
        this.texts = texts;
    }

    void owner(Window window) {
        this.owner = window;
    }

    @Override
    public void info(String message) {
        var alert = new Alert(Alert.AlertType.INFORMATION, message, Buttons.ok(texts));
        alert.initOwner(owner);
        alert.setHeaderText(null);
        alert.setTitle("ModelKeeper");
        alert.show();
    }

    @Override
    public void error(String message, Throwable details) {
        var alert = new Alert(Alert.AlertType.ERROR, message, Buttons.close(texts));
        alert.initOwner(owner);
        alert.setHeaderText(null);
        alert.setTitle("ModelKeeper");
        if (details != null) {
            var trace = new StringWriter();
            details.printStackTrace(new PrintWriter(trace));
            var area = new TextArea(trace.toString());
            area.setEditable(false);
            alert.getDialogPane().setExpandableContent(area);
        }
        alert.show();
    }

    @Override
    public boolean askRetry(String message) {
        var retry = new javafx.scene.control.ButtonType(texts.getString("jobs.retry"),
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        var alert = new Alert(Alert.AlertType.ERROR, message, retry, Buttons.close(texts));
        alert.initOwner(owner);
        alert.setHeaderText(null);
        alert.setTitle("ModelKeeper");
        return alert.showAndWait().filter(retry::equals).isPresent();
    }

    @Override
    public boolean confirm(String header, String body, String action) {
        var go = new javafx.scene.control.ButtonType(action, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, null, go, Buttons.cancel(texts));
        alert.initOwner(owner);
        alert.setTitle("ModelKeeper");
        alert.setHeaderText(header);
        var list = new TextArea(body);
        list.setEditable(false);
        list.setWrapText(true);
        list.setPrefRowCount(Math.min(16, body.split("\n").length + 4)); // room for wrapped lines
        list.setPrefColumnCount(70);
        alert.getDialogPane().setContent(list);
        alert.getDialogPane().setId("confirm-dialog");
        alert.getDialogPane().lookupButton(go).setId("confirm-go");
        return alert.showAndWait().filter(go::equals).isPresent();
    }

    @Override
    public int choose(String message, String... answers) {
        var buttons = new javafx.scene.control.ButtonType[answers.length];
        for (int i = 0; i < answers.length; i++) {
            buttons[i] = new javafx.scene.control.ButtonType(answers[i], i == answers.length - 1
                    ? javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE : javafx.scene.control.ButtonBar.ButtonData.OTHER);
        }
        var alert = new Alert(Alert.AlertType.CONFIRMATION, message, buttons);
        alert.initOwner(owner);
        alert.setHeaderText(null);
        alert.setTitle("ModelKeeper");
        alert.getDialogPane().setId("choose-dialog");
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the whole question shows
        var chosen = alert.showAndWait();
        return chosen.map(java.util.List.of(buttons)::indexOf).orElse(-1);
    }

    @Override
    public void notify(String message) {
        if (owner == null) {
            return;
        }
        org.controlsfx.control.Notifications.create().owner(owner).title("ModelKeeper").text(message)
                .showInformation();
    }

    /** The one sentence shown for a bug we did not foresee. */
    void unexpected(Throwable e) {
        error(texts.getString("error.unexpected"), e);
    }
}
