package dev.modelkeeper.core.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.fs.ContentHash;
import dev.modelkeeper.core.hub.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the cache holds of one revision: the files present in {@code snapshots/<commit>} and the blob name of
 * each, from {@code trees/<commit>.json} when the official client (or we) wrote one, else from the link's
 * target; a copy-mode file with no listing has no known name and is compared by hashing it.
 */
final class LocalSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOB = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** One file: its blob name (null when unknown) and whether it is in the snapshot folder. */
    record Entry(String etag, boolean present) {
    }

    private final Path snapshot;
    private final Map<String, Entry> files;
    private final boolean listed;

    private LocalSnapshot(Path snapshot, Map<String, Entry> files, boolean listed) {
        this.snapshot = snapshot;
        this.files = files;
        this.listed = listed;
    }

    static LocalSnapshot read(HubLayout layout, String commit) throws IOException {
        var files = new TreeMap<String, Entry>();
        boolean listed = readTree(layout.tree(commit), files);
        Path snapshot = layout.snapshot(commit);
        if (Files.isDirectory(snapshot, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(snapshot)) {
                for (Path p : walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    String path = snapshot.relativize(p).toString().replace('\\', '/');
                    if (!RepoPaths.isSafe(path) || !Files.exists(p)) {
                        continue; // a dangling link is not a file the revision has
                    }
                    Entry listedEntry = files.get(path);
                    String etag = listedEntry != null ? listedEntry.etag() : linkTarget(p);
                    files.put(path, new Entry(etag, true));
                }
            }
        }
        return new LocalSnapshot(snapshot, files, listed);
    }

    /** The blob name of a snapshot link ({@code ../../blobs/<etag>}), or null for a copy. */
    private static String linkTarget(Path p) throws IOException {
        if (!Files.isSymbolicLink(p)) {
            return null;
        }
        Path name = Files.readSymbolicLink(p).getFileName();
        return name != null && BLOB.matcher(name.toString()).matches() ? name.toString() : null;
    }

    private static boolean readTree(Path tree, Map<String, Entry> files) {
        if (!Files.isRegularFile(tree, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            JsonNode listed = JSON.readTree(tree.toFile()).path("files");
            if (!listed.isObject()) {
                return false;
            }
            var read = new TreeMap<String, Entry>();
            for (var f : listed.properties()) {
                JsonNode v = f.getValue();
                String etag = v.hasNonNull("lfs_sha256") ? v.path("lfs_sha256").asText() : v.path("blob_id").asText();
                if (!RepoPaths.isSafe(f.getKey()) || !BLOB.matcher(etag).matches()) {
                    return false; // not a listing we can trust: fall back to the links
                }
                read.put(f.getKey(), new Entry(etag, false));
            }
            files.putAll(read);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    Map<String, Entry> files() {
        return files;
    }

    /** Whether a listing of the commit was there, so a file missing from the folder was left out on purpose. */
    boolean listed() {
        return listed;
    }

    /** Whether the folder holds every file of the commit's listing (or there is no listing). */
    boolean complete() {
        return files.values().stream().allMatch(Entry::present);
    }

    /** Whether the file in the snapshot has the content a blob named {@code etag} of {@code size} bytes must have. */
    boolean contentMatches(String path, String etag, long size) {
        Path p = snapshot.resolve(path);
        try {
            if (Files.size(p) != size) {
                return false;
            }
            ContentHash hash = ContentHash.forEtag(etag, size);
            if (hash == null) {
                return false;
            }
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(p)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    hash.update(buffer, 0, n);
                }
            }
            return hash.matches();
        } catch (IOException e) {
            return false;
        }
    }

    Optional<Entry> entry(String path) {
        return Optional.ofNullable(files.get(path));
    }
}
