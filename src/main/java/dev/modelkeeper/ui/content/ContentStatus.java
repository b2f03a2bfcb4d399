package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.cache.Severity;

/**
 * The status column: what verify concluded (verified, corrupt, missing, partial) where it has run, and
 * until then what the scan can tell (missing files, reported problems, or not verified).
 */
public enum ContentStatus {
    UNVERIFIED, VERIFIED, NOTICE, WARNING, PARTIAL, MISSING, BROKEN, CORRUPT;

    /** The status a verify verdict shows as. */
    public static ContentStatus of(dev.modelkeeper.core.verify.Verdict v) {
        return switch (v) {
            case VERIFIED -> VERIFIED;
            case UNVERIFIED -> UNVERIFIED;
            case PARTIAL -> PARTIAL;
            case MISSING -> MISSING;
            case CORRUPT -> CORRUPT;
        };
    }

    public static ContentStatus of(Repo repo) {
        Severity worst = repo.worstSeverity();
        if (worst == Severity.ERROR) {
            return BROKEN;
        }
        return worst == Severity.WARNING ? WARNING : UNVERIFIED;
    }

    public static ContentStatus of(Revision rev) {
        return rev.files().stream().anyMatch(CachedFile::isMissing) ? PARTIAL : UNVERIFIED;
    }

    public static ContentStatus of(CachedFile file) {
        return file.isMissing() ? MISSING : UNVERIFIED;
    }

    /** Key of the status text in the UI bundle. */
    public String key() {
        return "content.status." + name();
    }

    /** CSS class for the status cell. */
    public String styleClass() {
        return "status-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
