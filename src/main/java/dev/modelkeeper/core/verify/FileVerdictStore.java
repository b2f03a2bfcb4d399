package dev.modelkeeper.core.verify;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The memo in one JSON file: {@code {"format_version": 1, "files": {"<absolute path>": {"size", "mtime_ns",
 * "ctime_ns", "inode", "sha256"?, "git-sha1"?}}}}. Written atomically; a file that cannot be read or has
 * another version is ignored and rebuilt. Entries for files that are gone are dropped on save. Two
 * processes saving at once: the last one wins, which only costs the other's memo.
 */
final class FileVerdictStore extends MemoryVerdictStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT_VERSION = 1;

    private final Path file;

    private FileVerdictStore(Path file) {
        this.file = file;
    }

    static FileVerdictStore load(Path file) {
        var store = new FileVerdictStore(file);
        try {
            if (Files.isRegularFile(file)) {
                store.read(JSON.readTree(file.toFile()));
            }
        } catch (IOException | RuntimeException e) {
            store.entries.clear(); // corrupt: start again, the next save replaces it
            store.dirty = true;
        }
        return store;
    }

    private void read(JsonNode doc) {
        if (doc.path("format_version").asInt() != FORMAT_VERSION) {
            dirty = true;
            return;
        }
        doc.path("files").properties().forEach(e -> {
            JsonNode n = e.getValue();
            var identity = new FileIdentity(n.get("size").asLong(), n.get("mtime_ns").asLong(),
                    n.get("ctime_ns").asLong(), n.get("inode").asText());
            var digests = new EnumMap<HashAlgorithm, String>(HashAlgorithm.class);
            for (HashAlgorithm a : HashAlgorithm.values()) {
                if (n.hasNonNull(a.id())) {
                    digests.put(a, n.get(a.id()).asText());
                }
            }
            entries.put(Path.of(e.getKey()), new Entry(identity, digests));
        });
    }

    @Override
    public synchronized void save() throws IOException {
        boolean pruned = entries.keySet().removeIf(p -> !seen.contains(p) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS));
        if (!dirty && !pruned) {
            return;
        }
        var bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeNumberField("format_version", FORMAT_VERSION);
            g.writeObjectFieldStart("files");
            for (Map.Entry<Path, Entry> e : new TreeMap<>(entries).entrySet()) {
                write(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        AtomicFiles.write(file, bytes.toByteArray());
        dirty = false;
    }

    private static void write(JsonGenerator g, Path path, Entry e) throws IOException {
        g.writeObjectFieldStart(path.toString());
        g.writeNumberField("size", e.identity().size());
        g.writeNumberField("mtime_ns", e.identity().mtimeNs());
        g.writeNumberField("ctime_ns", e.identity().ctimeNs());
        g.writeStringField("inode", e.identity().inode());
        for (var d : e.digests().entrySet()) {
            g.writeStringField(d.getKey().id(), d.getValue());
        }
        g.writeEndObject();
    }
}
