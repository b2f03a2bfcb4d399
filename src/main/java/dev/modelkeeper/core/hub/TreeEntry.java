package dev.modelkeeper.core.hub;

/**
 * One file of a tree listing.
 *
 * @param path      path in the repo, '/'-separated
 * @param size      size in bytes
 * @param oid       git blob id (sha1 of the content, or of the LFS pointer for LFS files)
 * @param lfsSha256 sha256 of the content for LFS files, else null
 * @param xetHash   Xet hash when the file is Xet-backed, else null
 */
public record TreeEntry(String path, long size, String oid, String lfsSha256, String xetHash) {

    /** The blob name the official cache uses for this file (spec §2.3). */
    public String etag() {
        return lfsSha256 != null ? lfsSha256 : oid;
    }

    public boolean isLfs() {
        return lfsSha256 != null;
    }
}
