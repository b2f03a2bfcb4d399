package dev.modelkeeper.core.download;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.fs.AtomicFiles;
import dev.modelkeeper.core.hub.RepoPaths;
import dev.modelkeeper.core.hub.TreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the bookkeeping of a hub cache exactly as the official client does: {@code CACHEDIR.TAG},
 * {@code refs/<rev>} (atomically, no newline, only when it changes, never for a commit hash),
 * {@code trees/<commit>.json}, and relative snapshot links (copies where symlinks are unavailable).
 */
final class CacheWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubLayout layout;

    CacheWriter(HubLayout layout) {
        this.layout = layout;
    }

    void prepare(String commit) throws IOException {
        Files.createDirectories(layout.repo().resolve("blobs"));
        Files.createDirectories(layout.snapshot(commit));
        Path tag = layout.cache().resolve("CACHEDIR.TAG");
        if (!Files.exists(tag)) {
            AtomicFiles.writeString(tag, HubLayout.CACHEDIR_TAG);
        }
    }

    void writeRef(String revision, String commit) throws IOException {
        if (revision.matches("[0-9a-f]{40}")) {
            return; // the official client writes no ref for a commit hash
        }
        if (!RepoPaths.isSafe(revision) || !commit.matches("[0-9a-f]{40}")) {
            throw new IOException("\"" + revision + "\" cannot be a ref name in the cache");
        }
        Path ref = layout.ref(revision);
        if (Files.exists(ref) && Files.readString(ref, StandardCharsets.UTF_8).equals(commit)) {
            return;
        }
        AtomicFiles.writeString(ref, commit);
    }

    /**
     * {@code {"format_version": 1, "files": {path: {size, blob_id, lfs_sha256?, lfs_size?, xet_hash?}}}}, with
     * every file of the commit (not only those a filter selected), as the official client writes it: its
     * offline load uses the listing to tell a complete snapshot from an incomplete one. A file that is there
     * and readable is kept (a commit's listing never changes); an empty or unreadable one is written again.
     */
    void writeTree(String commit, List<TreeEntry> entries) throws IOException {
        Path tree = layout.tree(commit);
        if (isValidTree(tree)) {
            return;
        }
        var files = new TreeMap<String, Map<String, Object>>();
        for (TreeEntry e : entries) {
            var info = new LinkedHashMap<String, Object>();
            info.put("size", e.size());
            info.put("blob_id", e.oid());
            if (e.lfsSha256() != null) {
                info.put("lfs_sha256", e.lfsSha256());
                info.put("lfs_size", e.size());
            }
            if (e.xetHash() != null) {
                info.put("xet_hash", e.xetHash());
            }
            files.put(e.path(), info);
        }
        var doc = new LinkedHashMap<String, Object>();
        doc.put("format_version", 1);
        doc.put("files", files);
        AtomicFiles.write(tree, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
    }

    private static boolean isValidTree(Path tree) {
        try {
            return Files.isRegularFile(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && JSON.readTree(tree.toFile()).path("files").isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes {@code snapshots/<commit>/<path>} point at the blob with a relative link. Where the
     * filesystem has no symlinks, a new blob is moved there and an existing one copied (spec §2.7).
     */
    void link(String commit, String path, String etag, boolean newBlob) throws IOException {
        Path pointer = layout.pointer(commit, path);
        if (Files.exists(pointer)) {
            return;
        }
        Files.createDirectories(pointer.getParent());
        Path snapshot = layout.snapshot(commit).toRealPath();
        if (!pointer.getParent().toRealPath().startsWith(snapshot)) { // a folder on the way is a link leaving it
            throw new IOException("a folder on the way to it is a link that leads out of the snapshot");
        }
        Files.deleteIfExists(pointer); // a dangling link left by an earlier, broken state
        try {
            Files.createSymbolicLink(pointer, layout.linkTarget(commit, path, etag));
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (newBlob) {
                Files.move(layout.blob(etag), pointer);
            } else {
                Files.copy(layout.blob(etag), pointer);
            }
        }
    }
}
