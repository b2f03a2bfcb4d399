package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** One line of the tree: a repo, one of its revisions, or one file of a revision. */
public record ContentRow(Repo repo, Revision revision, CachedFile file) {

    public static ContentRow of(Repo repo) {
        return new ContentRow(repo, null, null);
    }

    public boolean isRepo() {
        return revision == null;
    }

    public boolean isRevision() {
        return revision != null && file == null;
    }

    public String name() {
        if (isRepo()) {
            return repo.repoId();
        }
        if (isRevision()) {
            String shortHash = revision.commitHash().length() > 12 ? revision.commitHash().substring(0, 12)
                    : revision.commitHash();
            return revision.refs().isEmpty() ? shortHash : shortHash + "  (" + String.join(", ", revision.refs()) + ")";
        }
        return file.filePath();
    }

    public String type() {
        return isRepo() ? repo.type().id() : "";
    }

    public long size() {
        return isRepo() ? repo.sizeOnDisk() : isRevision() ? revision.sizeOnDisk() : file.size();
    }

    public int files() {
        return isRepo() ? repo.nbFiles() : isRevision() ? revision.nbFiles() : 1;
    }

    public String refs() {
        return String.join(", ", isRepo() ? repo.refNames() : isRevision() ? revision.refs() : List.of());
    }

    public Instant modified() {
        return isRepo() ? repo.lastModified() : isRevision() ? revision.lastModified() : file.lastModified();
    }

    public ContentStatus status() {
        return isRepo() ? ContentStatus.of(repo) : isRevision() ? ContentStatus.of(revision) : ContentStatus.of(file);
    }

    /** The folder or file this row stands for on disk. */
    public Path path() {
        return isRepo() ? repo.repoPath() : isRevision() ? revision.snapshotPath() : file.snapshotPath();
    }
}
