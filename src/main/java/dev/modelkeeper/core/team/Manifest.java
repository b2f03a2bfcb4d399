package dev.modelkeeper.core.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.RepoPaths;
import dev.modelkeeper.core.hub.TreeEntry;
import dev.modelkeeper.core.task.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * One pushed revision (docs/team-store.md): the repo, its commit, the files the store holds (path, size, blob
 * name, git blob id, LFS sha256, Xet hash), and the commit's whole listing when the pushing cache had it
 * ({@code trees/<commit>.json}). Read back, it is checked like a Hub answer: the store is not trusted.
 *
 * @param files the files whose blobs the store holds
 * @param tree  every file of the commit, or null when the pusher did not know them all
 */
public record Manifest(RepoType type, String repoId, String commit, List<TreeEntry> files, List<TreeEntry> tree) {

    static final String FORMAT = "modelkeeper-team-manifest";
    static final int MAX_BYTES = 16 << 20;
    private static final int MAX_FILES = 1_000_000;
    private static final long MAX_SIZE = 1L << 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Manifest {
        files = List.copyOf(files);
        tree = tree == null ? null : List.copyOf(tree);
    }

    byte[] toJson() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", FORMAT).put("version", 1).put("type", type.id()).put("id", repoId).put("commit", commit);
        doc.set("files", entries(files));
        if (tree != null) {
            doc.set("tree", entries(tree));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode entries(List<TreeEntry> list) {
        ArrayNode array = JSON.createArrayNode();
        for (TreeEntry e : list) {
            ObjectNode f = array.addObject().put("path", e.path()).put("size", e.size()).put("blob", e.etag());
            if (e.oid() != null) {
                f.put("blob_id", e.oid());
            }
            if (e.xetHash() != null) {
                f.put("xet_hash", e.xetHash());
            }
        }
        return array;
    }

    /** Parses and checks a manifest the store sent for {@code type}, {@code repoId} and {@code commit}. */
    static Manifest parse(byte[] bytes, RepoType type, String repoId, String commit) throws TeamStoreException {
        try {
            JsonNode doc = JSON.readTree(bytes);
            require(doc != null && doc.isObject() && FORMAT.equals(doc.path("format").asText())
                    && doc.path("version").asInt() == 1, "format");
            require(type.id().equals(doc.path("type").asText()) && repoId.equals(doc.path("id").asText()), "repo");
            require(commit.equals(doc.path("commit").asText()) && commit.matches("[0-9a-f]{40}"), "commit");
            List<TreeEntry> files = entries(doc.path("files"), false);
            List<TreeEntry> tree = doc.has("tree") ? entries(doc.path("tree"), true) : null;
            return new Manifest(type, repoId, commit, files, tree);
        } catch (IOException | Invalid e) {
            throw new TeamStoreException(TeamStoreException.Kind.INVALID, 0, new Message(StoreConfig.BUNDLE,
                    "team.error.badManifest", repoId + "@" + commit, e.getMessage()), e);
        }
    }

    private static List<TreeEntry> entries(JsonNode array, boolean withBlobIds) throws Invalid {
        require(array.isArray() && array.size() <= MAX_FILES, "files");
        var list = new ArrayList<TreeEntry>();
        var paths = new HashSet<String>();
        for (JsonNode f : array) {
            String path = f.path("path").asText("");
            require(f.path("path").isTextual() && RepoPaths.isSafe(path) && paths.add(path), "path " + path);
            require(f.path("size").canConvertToLong() && f.path("size").asLong() >= 0
                    && f.path("size").asLong() <= MAX_SIZE, "size of " + path);
            String blob = text(f, "blob", "[0-9a-f]{40}|[0-9a-f]{64}", path);
            String oid = f.has("blob_id") ? text(f, "blob_id", "[0-9a-f]{40}", path) : blob.length() == 40 ? blob : null;
            require(blob.length() == 64 || blob.equals(oid), "blob of " + path);
            require(oid != null || !withBlobIds, "blob_id of " + path);
            String xet = f.has("xet_hash") ? text(f, "xet_hash", "[0-9a-f]{64}", path) : null;
            // a 64-hex blob name is the LFS sha256 (spec §2.3); a 40-hex one the git blob id
            list.add(new TreeEntry(path, f.path("size").asLong(), oid, blob.length() == 64 ? blob : null, xet));
        }
        return list;
    }

    private static String text(JsonNode f, String field, String pattern, String path) throws Invalid {
        String value = f.path(field).asText("");
        require(f.path(field).isTextual() && value.matches(pattern), field + " of " + path);
        return value;
    }

    private static void require(boolean ok, String what) throws Invalid {
        if (!ok) {
            throw new Invalid(what);
        }
    }

    /** What in the manifest is wrong. */
    private static final class Invalid extends Exception {
        Invalid(String what) {
            super(what);
        }
    }
}
