package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.cache.LockProbe;
import dev.modelkeeper.core.fs.FileLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The lock files of a repo, {@code CACHE/.locks/<repo folder>/*.lock}, which a download (ours, or Python's
 * {@code filelock}) holds while it writes into the repo. A repo with a held lock is not cleaned.
 */
final class RepoLocks {

    private RepoLocks() {
    }

    static Path folder(Path root, Path repoPath) {
        return root.resolve(".locks").resolve(repoPath.getFileName().toString());
    }

    /** Every regular {@code *.lock} file of the repo (links are not lock files and are not opened). */
    static List<Path> files(Path root, Path repoPath) {
        Path dir = folder(root, repoPath);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".lock"))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first lock file someone holds now, if any. */
    static Optional<Path> held(Path root, Path repoPath, LockProbe probe) {
        return files(root, repoPath).stream().filter(probe::isHeld).findFirst();
    }

    /**
     * Takes every lock of the repo without waiting, so that no download starts in it while it is cleaned; empty
     * (and nothing held) when one of them is taken by someone else.
     */
    static Optional<List<FileLocks.HeldLock>> tryHoldAll(Path root, Path repoPath) throws IOException {
        var held = new ArrayList<FileLocks.HeldLock>();
        for (Path lock : files(root, repoPath)) {
            Optional<FileLocks.HeldLock> one;
            try {
                one = FileLocks.tryLock(lock);
            } catch (IOException e) {
                release(held);
                throw e;
            }
            if (one.isEmpty()) {
                release(held);
                return Optional.empty();
            }
            held.add(one.get());
        }
        return Optional.of(held);
    }

    static void release(List<FileLocks.HeldLock> held) {
        for (FileLocks.HeldLock lock : held) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the descriptor is gone either way
            }
        }
    }
}
