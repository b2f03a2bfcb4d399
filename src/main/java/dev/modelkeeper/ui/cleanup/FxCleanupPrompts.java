package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.ui.Buttons;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** The cleanup's dialogs in the window, owned by whichever of the app's windows is in front. */
public final class FxCleanupPrompts implements CleanupPrompts {

    private final ResourceBundle texts;

    public FxCleanupPrompts(ResourceBundle texts) {
        this.texts = texts;
    }

    @Override
    public Optional<Mode> confirmDelete(DeletePreview preview) {
        var view = new DeletePreviewView(preview, texts);
        var go = new ButtonType(texts.getString("cleanup.preview.go"), ButtonBar.ButtonData.OK_DONE);
        var cancel = Buttons.cancel(texts);
        var dialog = dialog(java.text.MessageFormat.format(texts.getString("cleanup.preview.title"), preview.title()));
        dialog.getDialogPane().setContent(view);
        dialog.getDialogPane().getButtonTypes().setAll(go, cancel);
        dialog.getDialogPane().lookupButton(go).setId("delete-go");
        dialog.getDialogPane().lookupButton(cancel).setId("delete-cancel");
        dialog.getDialogPane().lookupButton(go).getStyleClass().add("danger");
        dialog.getDialogPane().setId("delete-dialog");
        return dialog.showAndWait().filter(go::equals).map(b -> view.mode());
    }

    @Override
    public void showCleanUp(CleanUpViewModel model) {
        var dialog = dialog(texts.getString("cleanup.view.title"));
        var close = Buttons.close(texts);
        dialog.getDialogPane().getButtonTypes().setAll(close);
        dialog.getDialogPane().setContent(new CleanUpView(model, dialog::close));
        dialog.getDialogPane().setId("cleanup-dialog");
        // the proposals arrive after the dialog opened: it grows to show them and its buttons
        model.loadingProperty().addListener((obs, was, loading) -> {
            if (!loading && dialog.getDialogPane().getScene() != null) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
        dialog.show();
    }

    private static Dialog<ButtonType> dialog(String title) {
        var dialog = new Dialog<ButtonType>();
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setResizable(true);
        Window.getWindows().stream().filter(Window::isFocused).findFirst()
                .or(() -> Window.getWindows().stream().filter(Window::isShowing).findFirst())
                .ifPresent(dialog::initOwner);
        return dialog;
    }
}
