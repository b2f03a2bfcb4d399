package dev.modelkeeper.core.team;

/**
 * What a push did (or, dry, would do).
 *
 * @param uploaded      blobs sent to the store
 * @param bytesUploaded their bytes
 * @param present       blobs the store already held (another pusher's, or an earlier push)
 * @param files         files of the revision in the manifest
 */
public record PushResult(String repoId, String commit, int uploaded, long bytesUploaded, int present, int files,
                         boolean dryRun) {
}
