package dev.modelkeeper.core.team;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.TreeEntry;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the team store holds: each repo's pushed revisions (from the manifests) and refs, and the bytes of all
 * blobs. Objects that do not follow the layout, and manifests that cannot be read as one, are left out.
 *
 * @param repos     by type and id
 * @param blobs     the number of blob objects
 * @param blobBytes their bytes together: what the store costs
 */
public record StoreListing(String address, List<Repo> repos, int blobs, long blobBytes) {

    /**
     * One repo in the store.
     *
     * @param revisions the pushed commits, each with its files' count and bytes
     * @param refs      ref name to the commit it names
     * @param bytes     the bytes of its distinct blobs
     */
    public record Repo(RepoType type, String repoId, List<Revision> revisions, Map<String, String> refs, long bytes) {
    }

    /** A pushed commit. */
    public record Revision(String commit, int files, long bytes) {
    }

    public static StoreListing read(TeamStore store, Cancellation cancel) throws OperationException {
        StoreKeys keys = store.keys();
        int blobs = 0;
        long blobBytes = 0;
        for (var o : store.list(keys.root() + "blobs/")) {
            blobs++;
            blobBytes += o.getValue();
        }
        cancel.throwIfCancelled();
        var byRepo = new TreeMap<String, List<Manifest>>();
        for (var o : store.list(keys.manifests())) {
            cancel.throwIfCancelled();
            String[] part = o.getKey().substring(keys.manifests().length()).split("/");
            Optional<RepoType> type = part.length == 3 ? RepoType.fromId(part[0]) : Optional.empty();
            if (type.isEmpty() || !part[2].matches("[0-9a-f]{40}\\.json")) {
                continue;
            }
            String repoId = part[1].replace("--", "/");
            try {
                Manifest m = Manifest.parse(store.read(o.getKey(), Manifest.MAX_BYTES), type.get(), repoId,
                        part[2].substring(0, 40));
                byRepo.computeIfAbsent(type.get().id() + "/" + repoId, k -> new ArrayList<>()).add(m);
            } catch (TeamStoreException e) {
                if (e.kind() != TeamStoreException.Kind.INVALID && e.kind() != TeamStoreException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        var repos = new ArrayList<Repo>();
        for (List<Manifest> manifests : byRepo.values()) {
            Manifest first = manifests.getFirst();
            var revisions = new ArrayList<Revision>();
            var seen = new HashSet<String>();
            long bytes = 0;
            for (Manifest m : manifests) {
                revisions.add(new Revision(m.commit(), m.files().size(),
                        m.files().stream().mapToLong(TreeEntry::size).sum()));
                for (TreeEntry f : m.files()) {
                    if (seen.add(f.etag())) {
                        bytes += f.size();
                    }
                }
            }
            repos.add(new Repo(first.type(), first.repoId(), revisions, refs(store, first, cancel), bytes));
        }
        return new StoreListing(store.config().address(), repos, blobs, blobBytes);
    }

    private static Map<String, String> refs(TeamStore store, Manifest repo, Cancellation cancel)
            throws OperationException {
        String dir = store.keys().ref(repo.type(), repo.repoId(), "");
        var refs = new TreeMap<String, String>();
        for (var o : store.list(dir)) {
            cancel.throwIfCancelled();
            try {
                String commit = new String(store.read(o.getKey(), 100), StandardCharsets.US_ASCII).strip();
                if (commit.matches("[0-9a-f]{40}")) {
                    refs.put(o.getKey().substring(dir.length()), commit);
                }
            } catch (TeamStoreException e) {
                if (e.kind() != TeamStoreException.Kind.INVALID && e.kind() != TeamStoreException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return refs;
    }
}
