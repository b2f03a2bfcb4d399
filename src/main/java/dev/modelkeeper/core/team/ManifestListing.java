package dev.modelkeeper.core.team;

import static dev.modelkeeper.core.team.StoreConfig.BUNDLE;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.RevisionListing;
import dev.modelkeeper.core.hub.TreeEntry;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A revision as the team store's ref and manifest describe it, checked like a Hub answer. Before the download
 * writes anything, every blob the manifest names that the cache lacks is looked up in the store: a manifest
 * whose blob is missing is refused with nothing written, unless the Hub may serve what the store lacks.
 */
final class ManifestListing implements RevisionListing {

    private final TeamStore store;
    private final Path cache;
    private final boolean hubFallback;
    private Manifest manifest;

    ManifestListing(TeamStore store, Path cache, boolean hubFallback) {
        this.store = store;
        this.cache = cache;
        this.hubFallback = hubFallback;
    }

    Manifest manifest() {
        return manifest;
    }

    @Override
    public String commit(RepoType type, String repoId, String revision, Cancellation cancel) throws OperationException {
        if (revision.matches("[0-9a-f]{40}")) {
            return revision;
        }
        try {
            String commit = new String(store.read(store.keys().ref(type, repoId, revision), 100), StandardCharsets.US_ASCII)
                    .strip();
            if (!commit.matches("[0-9a-f]{40}")) {
                throw new OperationException(new Message(BUNDLE, "team.error.badManifest", repoId + "@" + revision,
                        "ref"), null, null);
            }
            return commit;
        } catch (TeamStoreException e) {
            throw e.kind() == TeamStoreException.Kind.NOT_FOUND ? notPushed(repoId, revision) : e;
        }
    }

    @Override
    public Files files(RepoType type, String repoId, String commit, Cancellation cancel) throws OperationException {
        try {
            manifest = Manifest.parse(store.read(store.keys().manifest(type, repoId, commit), Manifest.MAX_BYTES),
                    type, repoId, commit);
        } catch (TeamStoreException e) {
            throw e.kind() == TeamStoreException.Kind.NOT_FOUND ? notPushed(repoId, commit) : e;
        }
        if (!hubFallback) {
            requireBlobs(new HubLayout(cache, type, repoId), cancel);
        }
        return new Files(manifest.files(), manifest.tree());
    }

    private void requireBlobs(HubLayout layout, Cancellation cancel) throws OperationException {
        var asked = new java.util.HashSet<String>();
        for (TreeEntry f : manifest.files()) {
            cancel.throwIfCancelled();
            if (asked.add(f.etag()) && !java.nio.file.Files.exists(layout.blob(f.etag()))
                    && store.size(store.keys().blob(f.etag())).isEmpty()) {
                throw new OperationException(new Message(BUNDLE, "team.error.missingBlob", manifest.repoId(),
                        manifest.commit(), f.etag(), f.path()), null, null);
            }
        }
    }

    @Override
    public void checkAccess(RepoType type, String repoId, String commit, String path, Cancellation cancel) {
        // the store's keys already were: the manifest was read with them
    }

    /** Not found: a caller with the Hub at hand (ensure) may download the revision from there instead. */
    private static TeamStoreException notPushed(String repoId, String revision) {
        return new TeamStoreException(TeamStoreException.Kind.NOT_FOUND, 404,
                new Message(BUNDLE, "team.error.noManifest", repoId, revision), null);
    }
}
