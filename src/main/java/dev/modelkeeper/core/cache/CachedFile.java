package dev.modelkeeper.core.cache;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One file of one revision, as the official scanner's {@code CachedFileInfo}, plus what we need to
 * count disk use honestly.
 *
 * @param fileName     base name
 * @param filePath     path inside the snapshot, '/'-separated ({@code sub/dir/x.bin})
 * @param snapshotPath absolute path of the entry in {@code snapshots/<commit>/}
 * @param blobPath     the blob the entry stands for: the FIRST symlink hop (so a 2.0 shared payload is
 *                     never mistaken for a repo blob), or the entry itself in copy mode
 * @param storage      how the entry is stored
 * @param size         apparent size in bytes (st_size, following links); 0 when the blob is missing
 * @param allocated    bytes actually allocated on disk for the blob's content (st_blocks * 512)
 * @param lastAccessed blob atime
 * @param lastModified blob mtime
 */
public record CachedFile(
        String fileName,
        String filePath,
        Path snapshotPath,
        Path blobPath,
        Storage storage,
        long size,
        long allocated,
        Instant lastAccessed,
        Instant lastModified) {

    /** How a snapshot entry is stored. */
    public enum Storage {
        /** Relative symlink to {@code blobs/<etag>} (the normal layout). */
        LINK,
        /** Symlink to a repo blob that itself links into the 2.0 shared store ({@code CACHE/blobs/xx/<xethash>}). */
        SHARED,
        /** A real file inside {@code snapshots/} (copy mode: Windows without symlinks, HF_HUB_DISABLE_SYMLINKS). */
        COPY,
        /** A flat file in a layout without blobs (torch checkpoints, ModelScope). */
        FLAT,
        /** A symlink whose target does not exist. */
        DANGLING
    }

    public boolean isMissing() {
        return storage == Storage.DANGLING;
    }
}
