package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.HashAlgorithm;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int FORMAT_VERSION = 1;

    private final Path file;

    private FileVerdictStore(Path file) {
        this.file = file;
    }

    static FileVerdictStore load(Path file) {
        var store = new FileVerdictStore(file);
        if (!Files.isRegularFile(file)) {
            return store;
        }
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            store.read(p);
        } catch (IOException | RuntimeException e) {
            store.entries.clear(); // corrupt: start again, the next save replaces it
            store.dirty = true;
        }
        return store;
    }

    /** Streams the file: a memo of 50,000 blobs is read without building a tree of it. */
    private void read(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("format_version") && p.getIntValue() != FORMAT_VERSION) {
                entries.clear();
                dirty = true;
                return;
            } else if (field.equals("files")) {
                expect(p.currentToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    Path path = Path.of(p.currentName());
                    expect(p.nextToken(), JsonToken.START_OBJECT);
                    entries.put(path, entry(p));
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static Entry entry(JsonParser p) throws IOException {
        long size = -1;
        long mtime = 0;
        long ctime = 0;
        String inode = null;
        var digests = new EnumMap<HashAlgorithm, String>(HashAlgorithm.class);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "size" -> size = p.getLongValue();
                case "mtime_ns" -> mtime = p.getLongValue();
                case "ctime_ns" -> ctime = p.getLongValue();
                case "inode" -> inode = p.getText();
                default -> {
                    for (HashAlgorithm a : HashAlgorithm.values()) {
                        if (a.id().equals(field)) {
                            digests.put(a, p.getText());
                        }
                    }
                    p.skipChildren();
                }
            }
        }
        if (size < 0 || inode == null) {
            throw new IOException("incomplete memo entry");
        }
        return new Entry(new FileIdentity(size, mtime, ctime, inode), digests);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    @Override
    public synchronized void save() throws IOException {
        boolean pruned = entries.keySet().removeIf(p -> !seen.contains(p) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS));
        if (!dirty && !pruned) {
            return;
        }
        var bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
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
