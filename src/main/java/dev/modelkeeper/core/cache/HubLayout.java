package dev.modelkeeper.core.cache;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the official client puts things in a hub cache (spec §2.1–§2.4). */
public final class HubLayout {

    public static final String CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This file is a cache directory tag created by huggingface_hub.\n"
            + "# For information about cache directory tags, see:\n"
            + "#\thttps://bford.info/cachedir/\n";

    private final Path cache;
    private final Path repo;
    private final String folder;

    public HubLayout(Path cache, RepoType type, String repoId) {
        this.cache = cache;
        this.folder = folderName(type, repoId);
        this.repo = cache.resolve(folder);
    }

    /** {@code models--org--name}. */
    public static String folderName(RepoType type, String repoId) {
        return type.folderPrefix() + "--" + repoId.replace("/", "--");
    }

    /** The repo type and id a folder name stands for ({@code models--org--name}), or empty when it is none. */
    public static Optional<Map.Entry<RepoType, String>> parseFolderName(String name) {
        return HubRepoScanner.parseFolderName(name);
    }

    public Path cache() {
        return cache;
    }

    public Path repo() {
        return repo;
    }

    public Path blob(String etag) {
        return repo.resolve("blobs").resolve(etag);
    }

    /** The partial download of a blob; resumable across runs (under the blob's lock). */
    public Path incomplete(String etag) {
        return repo.resolve("blobs").resolve(etag + ".incomplete");
    }

    /**
     * A blob being fetched over several ranged connections: its bytes arrive out of order, so it is kept
     * apart from {@link #incomplete}, which the official client resumes by its size alone. The name ends
     * in {@code .incomplete} so that scanners count it as a partial download.
     */
    public Path parts(String etag) {
        return repo.resolve("blobs").resolve(etag + ".parts.incomplete");
    }

    /**
     * Whether a file in {@code blobs/} belongs to an unfinished download: a single-stream or ranged partial
     * file ({@code .incomplete}, {@code .parts.incomplete}) or the ranged download's journal.
     */
    public static boolean isPartial(String blobsFileName) {
        return blobsFileName.endsWith(".incomplete") || blobsFileName.endsWith(".parts.json");
    }

    /** Which byte ranges of {@link #parts} have arrived. */
    public Path partsJournal(String etag) {
        return repo.resolve("blobs").resolve(etag + ".parts.json");
    }

    public Path snapshot(String commit) {
        return repo.resolve("snapshots").resolve(commit);
    }

    public Path pointer(String commit, String filePath) {
        return snapshot(commit).resolve(filePath);
    }

    public Path ref(String revision) {
        return repo.resolve("refs").resolve(revision);
    }

    public Path tree(String commit) {
        return repo.resolve("trees").resolve(commit + ".json");
    }

    /** {@code CACHE/.locks/<repo folder>/<etag>.lock}. */
    public Path lock(String etag) {
        return cache.resolve(".locks").resolve(folder).resolve(etag + ".lock");
    }

    /** The relative link target from a pointer to its blob: one {@code ../} per directory level. */
    public Path linkTarget(String commit, String filePath, String etag) {
        Path pointer = pointer(commit, filePath);
        return pointer.getParent().relativize(blob(etag));
    }
}
