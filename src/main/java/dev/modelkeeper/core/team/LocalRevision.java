package dev.modelkeeper.core.team;

import dev.modelkeeper.core.fs.IoReasons;
import static dev.modelkeeper.core.team.StoreConfig.BUNDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.hub.TreeEntry;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A revision in a local hub cache, read for a push: its commit, its files with their blob names (the first
 * link hop, or {@code trees/<commit>.json} for copy-mode entries) and the commit's listing when the cache has it.
 *
 * @param blobs the file behind each blob name, to upload
 */
record LocalRevision(RepoType type, String repoId, String commit, CacheRoot root, Path repoDir,
                     List<TreeEntry> files, List<TreeEntry> tree, Map<String, Path> blobs) {

    static LocalRevision read(Path cache, RepoType type, String repoId, String revision) throws OperationException {
        var layout = new HubLayout(cache, type, repoId);
        String commit = commitOf(layout, revision);
        if (commit == null || !Files.isDirectory(layout.snapshot(commit))) {
            throw new PushRefusedException(PushRefusedException.Reason.NOT_IN_CACHE,
                    new Message(BUNDLE, "team.error.notInCache", repoId, revision, cache), cache);
        }
        var root = new CacheRoot(cache, CacheKind.HF_HUB, CacheRoot.Origin.USER, null);
        Optional<Revision> rev = new CacheScanner(p -> Optional.empty(), FileLocks::isHeld).scanRepo(root, layout.repo())
                .repos().stream().flatMap(r -> r.revisions().stream()).filter(r -> r.commitHash().equals(commit))
                .findFirst();
        if (rev.isEmpty()) {
            throw new PushRefusedException(PushRefusedException.Reason.NOT_IN_CACHE,
                    new Message(BUNDLE, "team.error.notInCache", repoId, revision, cache), cache);
        }
        List<TreeEntry> tree = tree(layout.tree(commit));
        Map<String, TreeEntry> byPath = new HashMap<>();
        if (tree != null) {
            tree.forEach(e -> byPath.put(e.path(), e));
        }
        var files = new ArrayList<TreeEntry>();
        var blobs = new HashMap<String, Path>();
        for (CachedFile f : rev.get().files()) {
            TreeEntry listed = byPath.get(f.filePath());
            String etag = f.storage() == CachedFile.Storage.COPY ? listed == null ? null : listed.etag()
                    : f.blobPath().getFileName().toString();
            if (etag == null || !etag.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
                throw new PushRefusedException(PushRefusedException.Reason.UNUSABLE,
                        new Message(BUNDLE, "team.error.noBlobName", f.snapshotPath()), f.snapshotPath());
            }
            String oid = listed != null ? listed.oid() : etag.length() == 40 ? etag : null;
            files.add(new TreeEntry(f.filePath(), f.size(), oid, etag.length() == 64 ? etag : null,
                    listed == null ? null : listed.xetHash()));
            blobs.putIfAbsent(etag, f.snapshotPath());
        }
        return new LocalRevision(type, repoId, commit, root, layout.repo(), files, tree, blobs);
    }

    private static String commitOf(HubLayout layout, String revision) throws OperationException {
        if (revision.matches("[0-9a-f]{40}")) {
            return revision;
        }
        try {
            Path ref = layout.ref(revision);
            return Files.isRegularFile(ref) ? Files.readString(ref, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "team.error.readFile", layout.ref(revision), IoReasons.of(e)),
                    layout.ref(revision), e);
        }
    }

    /** {@code trees/<commit>.json} as entries, or null when absent or unreadable (the push then has no listing). */
    private static List<TreeEntry> tree(Path file) {
        try {
            JsonNode files = new ObjectMapper().readTree(file.toFile()).path("files");
            if (!files.isObject()) {
                return null;
            }
            var list = new ArrayList<TreeEntry>();
            for (var it = files.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = e.getValue();
                list.add(new TreeEntry(e.getKey(), v.path("size").asLong(), v.path("blob_id").asText(),
                        v.hasNonNull("lfs_sha256") ? v.path("lfs_sha256").asText() : null,
                        v.hasNonNull("xet_hash") ? v.path("xet_hash").asText() : null));
            }
            return list;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
