package dev.modelkeeper.core.recovery;

import dev.modelkeeper.core.fs.ContentHash;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.recovery.RepairJournal.Step;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finishes what an interrupted repair left (a kill, a crash, a power cut), before verify or repair
 * looks at a cache: by its {@link RepairJournal} the target file keeps its original or gets the
 * verified replacement, never neither, and the journal, the half-made copy and a blob fetched only for
 * copy mode go. Also handles what versions before the journal left: {@code blobs/<etag>.repair-aside}
 * (the original moved aside; it comes back unless a verified replacement is in place) and the
 * {@code .repair-aside}, {@code .repair-tmp} and {@code .repair-link} files beside snapshot entries.
 * Each blob's leftovers are handled under that blob's lock; while another process holds it (a repair
 * running now) they are left alone.
 */
public final class RepairRecovery {

    /** Name endings of what Repair leaves in {@code blobs/} while it works. */
    public static final List<String> BLOB_LEFTOVERS = List.of(RepairJournal.SUFFIX, ".repair-aside", ".repair-copy");
    private static final List<String> SNAPSHOT_LEFTOVERS = List.of(".repair-aside", ".repair-tmp", ".repair-link");

    private RepairRecovery() {
    }

    /** True for a file name Repair leaves in {@code blobs/} while it works (never an orphan blob). */
    public static boolean isLeftover(String fileName) {
        return BLOB_LEFTOVERS.stream().anyMatch(fileName::endsWith);
    }

    /**
     * Finishes interrupted repairs in {@code folder}: a cache root or one repo folder. Returns the
     * leftovers dealt with; those that could not be (held by a running repair, unwritable) stay, and
     * the scanner reports them.
     */
    public static List<Path> recover(Path folder) {
        var done = new ArrayList<Path>();
        if (Files.isDirectory(folder.resolve("blobs"))) {
            recoverRepo(folder, done);
        } else if (Files.isDirectory(folder)) {
            try (Stream<Path> children = Files.list(folder)) {
                children.filter(p -> Files.isDirectory(p.resolve("blobs"), LinkOption.NOFOLLOW_LINKS)).sorted()
                        .forEach(repo -> recoverRepo(repo, done));
            } catch (IOException e) {
                // an unreadable cache: the scan says so
            }
        }
        return done;
    }

    /** One leftover the scanner reported (a repair step): finished, or an exception saying why not. */
    public static void recoverFile(Path leftover) throws OperationException, IOException {
        Path parent = leftover.getParent();
        if (parent.getFileName().toString().equals("blobs")) {
            String name = leftover.getFileName().toString();
            if (!finishLocked(parent.getParent(), name.substring(0, name.indexOf('.')))) {
                throw new OperationException(leftover.getFileName() + " belongs to a repair running right now; it "
                        + "was left alone. Verify again when that repair is done.", leftover);
            }
        } else {
            snapshotLeftover(leftover);
        }
    }

    private static void recoverRepo(Path repoDir, List<Path> done) {
        var etags = new TreeSet<String>();
        try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
            blobs.map(p -> p.getFileName().toString()).filter(RepairRecovery::isLeftover)
                    .forEach(n -> etags.add(n.substring(0, n.indexOf('.'))));
        } catch (IOException e) {
            return;
        }
        for (String etag : etags) {
            try {
                List<Path> left = blobLeftovers(repoDir, etag);
                if (finishLocked(repoDir, etag)) {
                    done.addAll(left);
                }
            } catch (IOException e) {
                // left as it is; the scanner reports it and the next run tries again
            }
        }
        Path snapshots = repoDir.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(snapshots)) {
            for (Path p : walk.filter(p -> SNAPSHOT_LEFTOVERS.stream()
                    .anyMatch(p.getFileName().toString()::endsWith)).toList()) {
                try {
                    snapshotLeftover(p);
                    done.add(p);
                } catch (IOException e) {
                    // left as it is
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // an unreadable snapshot: the scan says so
        }
    }

    private static List<Path> blobLeftovers(Path repoDir, String etag) {
        return BLOB_LEFTOVERS.stream().map(s -> repoDir.resolve("blobs").resolve(etag + s))
                .filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    static Path lockOf(Path repoDir, String etag) {
        return repoDir.getParent().resolve(".locks").resolve(repoDir.getFileName().toString())
                .resolve(etag + ".lock");
    }

    /** Takes the blob's lock and finishes; false when another process holds the lock. */
    private static boolean finishLocked(Path repoDir, String etag) throws IOException {
        Optional<FileLocks.HeldLock> lock = FileLocks.tryLock(lockOf(repoDir, etag));
        if (lock.isEmpty()) {
            return false;
        }
        try (var held = lock.get()) {
            finishHeld(repoDir, etag);
            return true;
        }
    }

    /** Finishes whatever an earlier repair of this blob left; call under the blob's lock. */
    public static void finishHeld(Path repoDir, String etag) throws IOException {
        if (Files.exists(RepairJournal.fileOf(repoDir, etag))) {
            RepairJournal j;
            try {
                j = RepairJournal.load(repoDir, etag);
            } catch (IOException | RuntimeException e) {
                j = null; // targets are only ever replaced by a rename: each is whole; only the extras go
            }
            if (j != null) {
                finish(j);
            }
            Files.deleteIfExists(RepairJournal.fileOf(repoDir, etag));
        }
        Files.deleteIfExists(RepairJournal.copyOf(repoDir, etag)); // without a journal at COPIED: unused
        Path blob = repoDir.resolve("blobs").resolve(etag);
        Path aside = blob.resolveSibling(etag + ".repair-aside");
        if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
            restoreAside(aside, blob, etag);
        }
    }

    /** Rolls the replacement forward (a verified copy ready) or back (anything earlier); deletes the journal. */
    public static void finish(RepairJournal j) throws IOException {
        if (j.copyMode()) {
            if (j.step() == Step.COPIED && Files.exists(j.copy(), LinkOption.NOFOLLOW_LINKS)) {
                Files.move(j.copy(), j.targetPath(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(j.copy());
            if (!j.blobWasThere()) {
                Files.deleteIfExists(j.blob()); // fetched only to be copied: copy mode keeps no blob
            }
        }
        j.delete();
    }

    /**
     * An original set aside by an earlier version: it goes only if a verified replacement is in its
     * place (that version only ever put verified files there); otherwise it comes back.
     */
    private static void restoreAside(Path aside, Path target, String etag) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && (etag == null || verifies(target, etag))) {
            Files.delete(aside);
        } else {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void snapshotLeftover(Path p) throws IOException {
        String name = p.getFileName().toString();
        if (name.endsWith(".repair-aside")) {
            restoreAside(p, p.resolveSibling(name.substring(0, name.length() - ".repair-aside".length())), null);
        } else {
            Files.deleteIfExists(p); // a temporary copy or link not yet in place: the entry is as it was
        }
    }

    private static boolean verifies(Path file, String etag) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        ContentHash hash = ContentHash.forEtag(etag, Files.size(file));
        if (hash == null) {
            return true; // the name promises nothing to check against
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                hash.update(buf, 0, n);
            }
        }
        return hash.matches();
    }
}
