package dev.modelkeeper.core.cache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;

/**
 * One snapshot folder of a repo, as the official scanner's {@code CachedRevisionInfo}.
 *
 * @param commitHash      folder name under {@code snapshots/} (taken as the commit, as the official scanner does)
 * @param snapshotPath    absolute path of that folder
 * @param refs            ref names pointing at it ({@code main}, {@code refs/pr/1}); empty means detached
 * @param files           every file under the folder, recursively
 * @param sizeOnDisk      sum of apparent sizes over DISTINCT blobs
 * @param allocatedOnDisk sum of allocated sizes over distinct blobs (and distinct inodes)
 * @param lastModified    newest blob mtime, or the folder's own mtime when it is empty
 */
public record Revision(
        String commitHash,
        Path snapshotPath,
        SortedSet<String> refs,
        List<CachedFile> files,
        long sizeOnDisk,
        long allocatedOnDisk,
        Instant lastModified) {

    public Revision {
        refs = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(refs));
        files = List.copyOf(files);
    }

    public int nbFiles() {
        return files.size();
    }

    public boolean isDetached() {
        return refs.isEmpty();
    }
}
