package dev.modelkeeper.core.download;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.TreeEntry;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import java.util.List;

/**
 * Where a download learns which commit a revision is and which files it has: the Hub's API, or a team
 * store's manifest (so a machine can fill its cache while the Hub is out of reach). The bytes come from a
 * {@link BlobSource}; what is learnt here has already passed its source's trust boundary.
 */
public interface RevisionListing {

    /** The 40-hex commit {@code revision} stands for. */
    String commit(RepoType type, String repoId, String revision, Cancellation cancel) throws OperationException;

    /** The files of {@code commit} to offer to the download, and the commit's whole listing for {@code trees/}. */
    Files files(RepoType type, String repoId, String commit, Cancellation cancel) throws OperationException;

    /**
     * Finds out, before anything is written, whether the bytes of {@code path} may be read (a gated repo lists
     * its files to anyone); a source that has no such gate does nothing.
     */
    void checkAccess(RepoType type, String repoId, String commit, String path, Cancellation cancel)
            throws OperationException;

    /**
     * @param offered     the files a download may fetch (before its include/exclude patterns)
     * @param wholeCommit every file of the commit, written to {@code trees/<commit>.json}; null when not known
     */
    record Files(List<TreeEntry> offered, List<TreeEntry> wholeCommit) {
        public Files {
            offered = List.copyOf(offered);
            wholeCommit = wholeCommit == null ? null : List.copyOf(wholeCommit);
        }
    }

    /** The Hub (or a mirror): its revision and tree APIs. */
    static RevisionListing of(HubClient client) {
        return new RevisionListing() {
            @Override
            public String commit(RepoType type, String repoId, String revision, Cancellation cancel)
                    throws OperationException {
                return revision.matches("[0-9a-f]{40}") ? revision : client.repoInfo(type, repoId, revision, cancel).sha();
            }

            @Override
            public Files files(RepoType type, String repoId, String commit, Cancellation cancel)
                    throws OperationException {
                List<TreeEntry> listing = client.listTree(type, repoId, commit, cancel);
                return new Files(listing, listing);
            }

            @Override
            public void checkAccess(RepoType type, String repoId, String commit, String path, Cancellation cancel)
                    throws OperationException {
                client.retryPolicy().run(() -> client.fileMetadata(type, repoId, commit, path, cancel), cancel);
            }
        };
    }
}
