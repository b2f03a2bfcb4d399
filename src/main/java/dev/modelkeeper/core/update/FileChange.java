package dev.modelkeeper.core.update;

/**
 * How one file differs between the local revision and the endpoint's current one, judged by blob name
 * (git blob id or LFS sha256), never by date.
 *
 * @param path     path in the repo, '/'-separated
 * @param kind     added, changed or removed
 * @param oldEtag  the local blob name; null for an added file (or when it could not be known)
 * @param newEtag  the blob name at the new commit; null for a removed file
 * @param size     bytes at the new commit (0 for a removed file)
 * @param toFetch  bytes that must come over the network for it: 0 when the blob is already in the cache
 *                 (another revision has it) or when another changed file brings the same blob
 */
public record FileChange(String path, Kind kind, String oldEtag, String newEtag, long size, long toFetch) {

    /** What happened to the file. */
    public enum Kind { ADDED, CHANGED, REMOVED }
}
