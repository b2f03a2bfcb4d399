package dev.modelkeeper.core.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The record of one migration, rewritten atomically before each step it enters, so that after a crash
 * {@link MigrateOperation#resume} knows where it was. Lives in {@code <state dir>/migrations/<id>.json}
 * and is deleted when the migration is done or rolled back.
 *
 * @param id          short random id, also part of the temporary folder names
 * @param source      the folder that moves
 * @param destination where it goes
 * @param copy        true: copy + verify + switch; false: one rename
 * @param link        leave a symlink at the source path
 * @param undo        this moves a migrated cache back: the source path's link is replaced by the folder
 * @param step        the step entered last
 */
public record MigrationJournal(Path file, String id, Path source, Path destination, boolean copy, boolean link,
                               boolean undo, Step step) {

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

    static MigrationJournal start(Path stateDir, MigrationRequest r, boolean copy, boolean undo) throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        var j = new MigrationJournal(stateDir.resolve("migrations").resolve(id + ".json"), id, r.source(),
                r.destination(), copy, r.link(), undo, Step.PLANNED);
        j.save();
        return j;
    }

    /** The folder the copy grows in, beside the destination: {@code .<name>.modelkeeper-partial-<id>}. */
    public Path partial() {
        return destination.resolveSibling("." + destination.getFileName() + ".modelkeeper-partial-" + id);
    }

    /** Where the source waits, beside itself, until the copy has taken its place. */
    public Path aside() {
        return source.resolveSibling("." + source.getFileName() + ".modelkeeper-aside-" + id);
    }

    MigrationJournal at(Step next) throws IOException {
        var j = new MigrationJournal(file, id, source, destination, copy, link, undo, next);
        j.save();
        return j;
    }

    private void save() throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format_version", 1).put("id", id).put("source", source.toString())
                .put("destination", destination.toString()).put("copy", copy).put("link", link).put("undo", undo)
                .put("step", step.name());
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    static MigrationJournal load(Path file) throws IOException {
        var n = JSON.readTree(file.toFile());
        return new MigrationJournal(file, n.path("id").asText(), Path.of(n.path("source").asText()),
                Path.of(n.path("destination").asText()), n.path("copy").asBoolean(), n.path("link").asBoolean(),
                n.path("undo").asBoolean(), Step.valueOf(n.path("step").asText()));
    }

    /** Migrations that did not finish (a crash, a kill, a cancel that could not roll back). */
    public static List<MigrationJournal> pending(Path stateDir) {
        var out = new ArrayList<MigrationJournal>();
        Path dir = stateDir.resolve("migrations");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(load(f));
                } catch (IOException | RuntimeException e) {
                    // an unreadable journal is left for a person to look at; it is not acted on
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
