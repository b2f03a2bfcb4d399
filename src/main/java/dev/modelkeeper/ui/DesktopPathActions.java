package dev.modelkeeper.ui;

import dev.modelkeeper.ui.content.PathActions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Reveal in the system file manager (started off the FX thread) and copy a path to the clipboard. */
final class DesktopPathActions implements PathActions {

    private final Executor io;
    private final Dialogs dialogs;
    private final ResourceBundle texts;

    DesktopPathActions(Executor io, Dialogs dialogs, ResourceBundle texts) {
        this.io = io;
        this.dialogs = dialogs;
        this.texts = texts;
    }

    @Override
    public void reveal(Path path) {
        io.execute(() -> {
            try {
                new ProcessBuilder(command(path)).inheritIO().start();
            } catch (IOException e) {
                Platform.runLater(() -> dialogs.info(MessageFormat.format(texts.getString("error.reveal"), path)));
            }
        });
    }

    /** The platform's "show this in the file manager" command. */
    static List<String> command(Path path) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("explorer", "/select," + path);
        }
        if (os.contains("mac")) {
            return List.of("open", "-R", path.toString());
        }
        Path folder = Files.isDirectory(path) ? path : path.getParent();
        return List.of("xdg-open", folder.toString());
    }

    @Override
    public void copy(Path path) {
        var content = new ClipboardContent();
        content.putString(path.toString());
        Clipboard.getSystemClipboard().setContent(content);
    }
}
