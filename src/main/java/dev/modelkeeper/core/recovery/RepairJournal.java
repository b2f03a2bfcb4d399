package dev.modelkeeper.core.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The record of one file Repair is replacing, rewritten atomically before each step it enters, so that
 * {@link RepairRecovery} knows after a crash or a kill what to put back and what to clean up.
 *
 * <p>It lives beside the blob, {@code blobs/<etag>.repair-journal}, and is only written or read under
 * the blob's {@code .locks} lock: the lock that keeps other writers (our downloads, the Python client)
 * away from the blob also guards its journal, whoever verifies the cache next finds it (another user,
 * another config folder, the window or the CLI), and it moves with the cache when the cache is migrated.
 * Paths in it are relative to the repo folder for the same reason.
 *
 * @param repoDir      the repo folder ({@code models--org--name})
 * @param etag         the blob's name
 * @param target       the file replaced, relative to the repo folder: {@code blobs/<etag>}, or in copy
 *                     mode the snapshot file {@code snapshots/<commit>/<path>}
 * @param copyMode     the verified blob is copied over a snapshot file
 * @param blobWasThere copy mode: {@code blobs/<etag>} existed before; if not, Repair fetched it only to
 *                     copy it and deletes it at the end, as the official client leaves no blob in copy mode
 * @param step         the step entered last
 */
public record RepairJournal(Path repoDir, String etag, Path target, boolean copyMode, boolean blobWasThere, Step step) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SUFFIX = ".repair-journal";

    /** Steps in order; a journal names the last one entered. */
    public enum Step {
        /** The target is untouched; the download may be growing in {@code blobs/<etag>.incomplete}. */
        STARTED,
        /** Copy mode: {@code blobs/<etag>} is verified; {@code blobs/<etag>.repair-copy} may be growing. */
        FETCHED,
        /** Copy mode: {@code blobs/<etag>.repair-copy} is complete, verified and on disk. */
        COPIED,
        /** The target is the verified replacement; only cleaning up is left. */
        REPLACED
    }

    public static Path fileOf(Path repoDir, String etag) {
        return repoDir.resolve("blobs").resolve(etag + SUFFIX);
    }

    /** Copy mode: where the verified copy is made before it takes the snapshot file's place. */
    public static Path copyOf(Path repoDir, String etag) {
        return repoDir.resolve("blobs").resolve(etag + ".repair-copy");
    }

    public static RepairJournal start(Path repoDir, String etag, Path target, boolean copyMode, boolean blobWasThere)
            throws IOException {
        var j = new RepairJournal(repoDir, etag, repoDir.relativize(target), copyMode, blobWasThere, Step.STARTED);
        j.save();
        return j;
    }

    public Path file() {
        return fileOf(repoDir, etag);
    }

    public Path targetPath() {
        return repoDir.resolve(target);
    }

    public Path blob() {
        return repoDir.resolve("blobs").resolve(etag);
    }

    public Path copy() {
        return copyOf(repoDir, etag);
    }

    public RepairJournal at(Step next) throws IOException {
        var j = new RepairJournal(repoDir, etag, target, copyMode, blobWasThere, next);
        j.save();
        return j;
    }

    private void save() throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format_version", 1).put("etag", etag).put("target", target.toString().replace('\\', '/'))
                .put("copy_mode", copyMode).put("blob_was_there", blobWasThere).put("step", step.name());
        AtomicFiles.write(file(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    }

    void delete() throws IOException {
        Files.deleteIfExists(file());
    }

    /** Reads a journal; a target that would leave the repo folder makes it unreadable (it is not acted on). */
    public static RepairJournal load(Path repoDir, String etag) throws IOException {
        var n = JSON.readTree(fileOf(repoDir, etag).toFile());
        Path target = Path.of(n.path("target").asText());
        if (target.isAbsolute() || !repoDir.resolve(target).normalize().startsWith(repoDir.normalize())
                || target.toString().isEmpty()) {
            throw new IOException("The repair journal " + fileOf(repoDir, etag) + " names a file outside its repo");
        }
        try {
            return new RepairJournal(repoDir, etag, target, n.path("copy_mode").asBoolean(),
                    n.path("blob_was_there").asBoolean(true), Step.valueOf(n.path("step").asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException("The repair journal " + fileOf(repoDir, etag) + " names an unknown step", e);
        }
    }
}
