package dev.modelkeeper.ui.content;

import java.nio.file.Path;

/** Desktop actions on a path, provided by the shell (file manager, clipboard). */
public interface PathActions {

    PathActions NONE = new PathActions() {
        @Override
        public void reveal(Path path) {
        }

        @Override
        public void copy(Path path) {
        }
    };

    /** Shows the path in the system file manager. */
    void reveal(Path path);

    /** Puts the path on the clipboard as text. */
    void copy(Path path);

    /** Puts any text (a commit hash, a size) on the clipboard. FX thread. */
    default void copyText(String text) {
        var content = new javafx.scene.input.ClipboardContent();
        content.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }
}
