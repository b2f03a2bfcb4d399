package dev.modelkeeper.ui.verify;

import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.ui.content.ContentRow;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Which earlier findings a verify of one row answers anew: for a repo, everything about it; for a
 * revision or a file, the findings about its files (a corrupt blob is reported at the blob's path, so
 * the file it serves is what ties it to the row).
 */
final class VerifyCoverage {

    private VerifyCoverage() {
    }

    static Predicate<VerifyFinding> of(ContentRow row) {
        Path repoDir = row.repo().repoPath().toAbsolutePath().normalize();
        Path covered = row.path().toAbsolutePath().normalize();
        return f -> {
            boolean inRepo = f.repo().map(r -> r.repoDir().toAbsolutePath().normalize().equals(repoDir))
                    .orElse(false) || f.path().toAbsolutePath().normalize().startsWith(repoDir);
            if (!inRepo) {
                return false;
            }
            if (row.isRepo() || f.path().toAbsolutePath().normalize().startsWith(covered)) {
                return true;
            }
            String commit = row.revision().commitHash();
            return f.files().stream().anyMatch(r -> r.commit().equals(commit)
                    && (row.isRevision() || r.filePath().equals(row.file().filePath())));
        };
    }
}
