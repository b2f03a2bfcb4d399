package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.cache.Severity;

/**
 * The status column. Until content is verified (a later feature adds VERIFIED and CORRUPT from the
 * verify results), what the scan can tell is whether anything is missing or reported as broken.
 */
public enum ContentStatus {
    UNVERIFIED, VERIFIED, NOTICE, WARNING, PARTIAL, MISSING, BROKEN;

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
