package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.RepoType;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Which icon stands for a repo type, a row kind and a status; their colours come from content.css. */
final class ContentIcons {

    private ContentIcons() {
    }

    static Ikon of(ContentRow row) {
        if (row.file() != null) {
            return Material2AL.INSERT_DRIVE_FILE;
        }
        return row.isRevision() ? Material2AL.ACCOUNT_TREE : of(row.repo().type());
    }

    static Ikon of(RepoType type) {
        return switch (type) {
            case MODEL -> Material2MZ.MEMORY;
            case DATASET -> Material2MZ.TABLE_CHART;
            case SPACE -> Material2MZ.ROCKET;
            case KERNEL -> Material2AL.CODE;
            case TORCH_CHECKPOINT -> Material2MZ.SAVE;
            case TORCH_CODE -> Material2AL.INTEGRATION_INSTRUCTIONS;
        };
    }

    static String styleClass(ContentRow row) {
        if (row.file() != null) {
            return "type-file";
        }
        return row.isRevision() ? "type-revision" : "type-" + row.repo().type().name().toLowerCase(java.util.Locale.ROOT);
    }

    static Ikon of(ContentStatus status) {
        return switch (status) {
            case VERIFIED -> Material2AL.CHECK_CIRCLE;
            case UNVERIFIED -> Material2AL.HELP_OUTLINE;
            case NOTICE -> Material2AL.INFO;
            case WARNING -> Material2MZ.WARNING;
            case PARTIAL -> Material2AL.HOURGLASS_BOTTOM;
            case MISSING -> Material2MZ.REMOVE_CIRCLE_OUTLINE;
            case BROKEN, CORRUPT -> Material2AL.ERROR;
        };
    }
}
