package dev.modelkeeper.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.hub.TreeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a revision must have, with the blob name and size of each: from the Hub's tree listing
 * (online) or from {@code trees/<commit>.json}, the listing the official client caches (spec §2.8).
 *
 * @param files  path in the repo to what that file must be
 * @param online true when it came from the Hub now, false when from the cached listing
 */
record Listing(Map<String, Listing.Expected> files, boolean online) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one file must be: its blob name (sha256 for LFS files, else the git blob id) and size. */
    record Expected(String etag, long size) {
    }

    static Listing of(List<TreeEntry> entries) {
        var files = new HashMap<String, Expected>();
        entries.forEach(e -> files.put(e.path(), new Expected(e.etag(), e.size())));
        return new Listing(Map.copyOf(files), true);
    }

    /**
     * Reads {@code trees/<commit>.json} as the official client does: another {@code format_version}, a
     * malformed file or a malformed Xet hash means there is no usable listing.
     */
    static Optional<Listing> cached(Path repoDir, String commit) {
        Path file = repoDir.resolve("trees").resolve(commit + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            if (doc.path("format_version").asInt() != 1 || !doc.path("files").isObject()) {
                return Optional.empty();
            }
            var files = new HashMap<String, Expected>();
            for (var e : doc.get("files").properties()) {
                JsonNode n = e.getValue();
                if (n.has("xet_hash") && !n.get("xet_hash").asText().matches("[0-9a-f]{64}")) {
                    return Optional.empty();
                }
                String etag = n.hasNonNull("lfs_sha256") ? n.get("lfs_sha256").asText() : n.get("blob_id").asText();
                files.put(e.getKey(), new Expected(etag, n.get("size").asLong()));
            }
            return Optional.of(new Listing(Map.copyOf(files), false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Expected get(String filePath) {
        return files.get(filePath);
    }
}
