package dev.modelkeeper.core.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The record of one migration, rewritten atomically before each step it enters, so that after a crash
 * {@link MigrateOperation#resume} knows where it was. Lives in {@code <state dir>/migrations/<id>.json}
 * and is deleted when the migration is done or rolled back. Paths are stored as {@code file:} URIs, whose
 * percent-escapes keep a name's bytes exactly (a name need not be valid UTF-8); the plain text beside
 * them is for people.
 *
 * @param id          short random id, also part of the temporary folder names
 * @param source      the folder that moves
 * @param destination where it goes
 * @param copy        true: copy + verify + switch; false: one rename
 * @param link        leave a symlink at the source path
 * @param undo        this moves a migrated cache back: the source path's link is replaced by the folder
 * @param step        the step entered last
 * @param partial     the folder the copy grows in, beside the destination
 * @param aside       where the source waits, beside itself, until the copy has taken its place
 */
public record MigrationJournal(Path file, String id, Path source, Path destination, boolean copy, boolean link,
                               boolean undo, Step step, Path partial, Path aside) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Steps in order; a journal names the last one entered. */
    public enum Step {
        /** Nothing changed yet (copy mode: the partial copy may be growing). */
        PLANNED,
        /** Copy mode: the verified copy is in place at the destination; the source is untouched. */
        COPIED,
        /** The source was renamed (copy mode: aside; rename mode: to the destination). */
        SOURCE_MOVED,
        /** The link (if any) is at the source path; what remains is deleting the set-aside source. */
        SWITCHED
    }

    /** A journal file that cannot be read: it is reported, never acted on. */
    public record Unreadable(Path file, String reason) {
        /** The id the file name carries, for {@code migrate --abandon}. */
        public String id() {
            String name = file.getFileName().toString();
            return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        }
    }

    /** What the migrations folder holds. */
    public record Pending(List<MigrationJournal> journals, List<Unreadable> unreadable) {
        public boolean isEmpty() {
            return journals.isEmpty() && unreadable.isEmpty();
        }
    }

    static MigrationJournal start(Path stateDir, MigrationRequest r, boolean copy, boolean undo) throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        var j = new MigrationJournal(journalFile(stateDir, id), id, r.source(), r.destination(), copy, r.link(), undo,
                Step.PLANNED, beside(r.destination(), "partial", id), beside(r.source(), "aside", id));
        j.save();
        return j;
    }

    static Path journalFile(Path stateDir, String id) {
        return stateDir.resolve("migrations").resolve(id + ".json");
    }

    /**
     * A hidden sibling {@code .<name>.modelkeeper-<what>-<id>}; when the name does not survive being
     * decoded to text (bytes that are not valid in this locale), {@code .modelkeeper-<what>-<id>}.
     */
    static Path beside(Path p, String what, String id) {
        String name = p.getFileName().toString();
        boolean exact;
        try {
            exact = Path.of(name).equals(p.getFileName());
        } catch (InvalidPathException e) {
            exact = false;
        }
        return p.resolveSibling((exact ? "." + name : "") + ".modelkeeper-" + what + "-" + id);
    }

    MigrationJournal at(Step next) throws IOException {
        var j = new MigrationJournal(file, id, source, destination, copy, link, undo, next, partial, aside);
        j.save();
        return j;
    }

    private void save() throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format_version", 2).put("id", id).put("source", source.toString())
                .put("destination", destination.toString()).put("copy", copy).put("link", link).put("undo", undo)
                .put("step", step.name()).put("source_uri", uri(source)).put("destination_uri", uri(destination))
                .put("partial_uri", uri(partial)).put("aside_uri", uri(aside));
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    }

    private static String uri(Path p) {
        return p.toAbsolutePath().toUri().toString();
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    static MigrationJournal load(Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("it is cut short or is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IOException("it is empty or cut short");
        }
        String id = n.path("id").asText();
        if (id.isEmpty() || !n.path("step").isTextual()) {
            throw new IOException("it lacks its id or step");
        }
        Step step;
        try {
            step = Step.valueOf(n.path("step").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("it names an unknown step \"" + n.path("step").asText() + "\"");
        }
        Path source = path(n, "source");
        Path destination = path(n, "destination");
        Path partial = n.has("partial_uri") ? path(n, "partial") : beside(destination, "partial", id);
        Path aside = n.has("aside_uri") ? path(n, "aside") : beside(source, "aside", id);
        return new MigrationJournal(file, id, source, destination, n.path("copy").asBoolean(),
                n.path("link").asBoolean(), n.path("undo").asBoolean(), step, partial, aside);
    }

    /** From {@code <key>_uri} (exact bytes), or from the plain {@code <key>} a version 1 journal wrote. */
    private static Path path(JsonNode n, String key) throws IOException {
        try {
            if (n.path(key + "_uri").isTextual()) {
                return Path.of(URI.create(n.path(key + "_uri").asText()));
            }
            if (n.path(key).isTextual() && !n.path(key).asText().isEmpty()) {
                return Path.of(n.path(key).asText());
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IOException("its " + key + " is not a usable path");
        }
        throw new IOException("it lacks the " + key);
    }

    /** Migrations that did not finish (a crash, a kill, a cancel that could not roll back); readable ones. */
    public static List<MigrationJournal> pending(Path stateDir) {
        return scan(stateDir).journals();
    }

    /** Every journal in the state folder: the readable ones and those that cannot be read, with why. */
    public static Pending scan(Path stateDir) {
        var out = new ArrayList<MigrationJournal>();
        var bad = new ArrayList<Unreadable>();
        Path dir = stateDir.resolve("migrations");
        if (!Files.isDirectory(dir)) {
            return new Pending(out, bad);
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(load(f));
                } catch (IOException | RuntimeException e) {
                    bad.add(new Unreadable(f, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                }
            }
        } catch (IOException e) {
            bad.add(new Unreadable(dir, e.getMessage()));
        }
        return new Pending(List.copyOf(out), List.copyOf(bad));
    }
}
