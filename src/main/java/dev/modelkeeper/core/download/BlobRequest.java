package dev.modelkeeper.core.download;

import dev.modelkeeper.core.cache.RepoType;

/**
 * "These bytes of this file of this revision": what a {@link BlobSource} is asked for, with the hash the
 * bytes must have (the blob name) and their size, both checked above the seam.
 *
 * @param type   repo type
 * @param repoId {@code org/name}
 * @param commit the 40-hex commit
 * @param path   the file's path in the repo
 * @param etag   the blob name: sha256 (LFS) or git sha1 of the content
 * @param size   bytes, or -1 when not known yet ({@link BlobSource#sizeOf})
 */
public record BlobRequest(RepoType type, String repoId, String commit, String path, String etag, long size) {

    public BlobRequest withSize(long known) {
        return new BlobRequest(type, repoId, commit, path, etag, known);
    }
}
