package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cleanup.CleanupPlan;
import java.util.List;

/**
 * What the Delete dialog shows, rendered in the window's language: the bytes freed, what goes (repo, revision,
 * file), what stays because something else shares it, what is refused and why; and whether a trash can take it.
 *
 * @param plan           the plan it was rendered from, run when confirmed
 * @param title          what was asked to be deleted
 * @param goes           one line per thing that goes
 * @param kept           one line per blob that stays, with who keeps it
 * @param refused        one sentence per repo the cleanup will not touch
 * @param trashAvailable whether a trash can take the files (false: they can only be deleted for good)
 */
public record DeletePreview(CleanupPlan plan, String title, List<Line> goes, List<Line> kept, List<String> refused,
                            boolean trashAvailable) {

    /**
     * One line of a list.
     *
     * @param text  what it is
     * @param bytes its size, or -1 when it has none of its own
     */
    public record Line(String text, long bytes) {
    }

    public DeletePreview {
        goes = List.copyOf(goes);
        kept = List.copyOf(kept);
        refused = List.copyOf(refused);
    }

    public long freedBytes() {
        return plan.expectedFreedSize();
    }

    /** Nothing would be removed (all of it refused, or gone already). */
    public boolean isEmpty() {
        return plan.isEmpty();
    }
}
