package dev.modelkeeper.ui.cleanup;

import java.util.Optional;

/** The cleanup's dialogs, behind an interface so the workflow runs in tests without a toolkit. FX thread. */
public interface CleanupPrompts {

    /** Where deleted things go. */
    enum Mode { TRASH, PERMANENT }

    /** Shows the preview; the answer is how to delete, or empty when the user cancelled. */
    Optional<Mode> confirmDelete(DeletePreview preview);

    /** Shows the "Clean up" view of {@code model}, which plans as it opens. */
    void showCleanUp(CleanUpViewModel model);

    /** Answers Cancel and shows nothing. */
    CleanupPrompts NONE = new CleanupPrompts() {
        @Override
        public Optional<Mode> confirmDelete(DeletePreview preview) {
            return Optional.empty();
        }

        @Override
        public void showCleanUp(CleanUpViewModel model) {
        }
    };
}
