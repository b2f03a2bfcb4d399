package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.fs.FileLocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The 2.0 shared blob store, {@code CACHE/blobs/xx/<xethash>}: a payload goes only when no repo blob links it
 * any more, as its manifest {@code <xethash>.refs} tells (a missing or unreadable manifest keeps it), exactly as
 * the official {@code sweep_shared_blob}.
 */
final class SharedStore {

    private SharedStore() {
    }

    /** The payload a repo blob links to, when it is a link into the marked store of {@code root}. */
    static Optional<Path> payload(Path root, Path repoBlob) {
        Path store = root.resolve("blobs");
        if (!Files.isSymbolicLink(repoBlob) || !Files.isRegularFile(store.resolve(".huggingface-shared-blobs"),
                LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Path target = repoBlob.getParent().resolve(Files.readSymbolicLink(repoBlob)).normalize();
            return target.startsWith(store) ? Optional.of(target) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The repo blobs that link the payload now, by its manifest; empty when the manifest cannot be read. */
    static Optional<Set<Path>> users(Path root, Path payload) {
        Path manifest = payload.resolveSibling(payload.getFileName() + ".refs");
        try {
            var users = new HashSet<Path>();
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                Path blob = root.resolve(line.strip()).normalize();
                if (!line.isBlank() && blob.startsWith(root) && payload(root, blob).filter(payload::equals).isPresent()) {
                    users.add(blob);
                }
            }
            return Optional.of(users);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Bytes freed when {@code removedBlobs} go: the payload's size only when they are all its users. */
    static long freedWith(Path root, Path payload, Set<Path> removedBlobs) {
        var users = users(root, payload);
        if (users.isEmpty() || users.get().isEmpty() || !removedBlobs.containsAll(users.get())) {
            return 0;
        }
        try {
            return Files.isRegularFile(payload, LinkOption.NOFOLLOW_LINKS) ? Files.size(payload) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Removes the payload and its manifest if nothing links it any more, under its lock; true when removed. */
    static boolean sweep(Path root, Path payload) throws IOException {
        return sweep(root, payload, new Disposal.Permanent());
    }

    /** {@link #sweep(Path, Path)}, the payload going as {@code disposal} says (the trash, or for good). */
    static boolean sweep(Path root, Path payload, Disposal disposal) throws IOException {
        var lock = FileLocks.tryLock(payload.resolveSibling(payload.getFileName() + ".lock"));
        if (lock.isEmpty()) {
            return false;
        }
        try (var held = lock.get()) {
            var users = users(root, payload);
            if (users.isEmpty() || !users.get().isEmpty()) {
                return false;
            }
            disposal.dispose(payload);
            Files.deleteIfExists(payload.resolveSibling(payload.getFileName() + ".refs"));
            return true;
        }
    }
}
