package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.fs.IoReasons;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.fs.ContentHash;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.FileStats;
import dev.modelkeeper.core.fs.OpenFiles;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns copies of one blob in several cache roots on one filesystem into hard links of one file
 * ({@link #plan plan} first, then run). For each duplicate, under the blob's lock: both files are hashed
 * against the blob name, a new hard link of the kept file is made under a temporary name beside the
 * duplicate and checked to be that inode, then renamed over the duplicate in one atomic step. Killed at any
 * moment, every name still holds the whole payload; an extra temporary link is removed by the next run.
 *
 * <p>Copy-mode snapshot files (regular files where the official client could not make symlinks) whose payload
 * the repo's blobs folder holds become the usual relative symlink to that blob the same way, under the blob's
 * lock: both are hashed against the blob name, a symlink is made under a temporary name beside the file,
 * checked to resolve to the blob, then renamed over the file.
 */
public final class Dedupe implements Operation<DedupeResult> {

    /** The temporary link's name ends so: {@code blobs/<etag>.dedupe-link}. */
    static final String TEMP_SUFFIX = ".dedupe-link";

    /** Steps a test can stop at (a kill between the temporary link and the rename). */
    interface Steps {
        Steps NONE = link -> { };

        void linked(Path temporary) throws IOException;
    }

    private final DedupePlan plan;
    private final Supplier<OpenFiles> open;
    private final Steps steps;
    /** Kept files already hashed in this run: a blob kept for several duplicates is read once. */
    private final Set<Path> verified = new HashSet<>();

    /** Runs {@code plan}; {@code open} is asked again when the run starts, since the plan may be old. */
    public Dedupe(DedupePlan plan, Supplier<OpenFiles> open) {
        this(plan, open, Steps.NONE);
    }

    Dedupe(DedupePlan plan, Supplier<OpenFiles> open, Steps steps) {
        this.plan = plan;
        this.open = open;
        this.steps = steps;
    }

    /** The plan for these cache roots, with what is held open now. */
    public static DedupePlan plan(List<Path> roots, OpenFiles open) throws IOException {
        return new DedupePlanner(open).plan(roots);
    }

    @Override
    public dev.modelkeeper.core.task.Message title() {
        return DedupeMessages.of("title", plan.changes());
    }

    @Override
    public DedupeResult run(ProgressListener progress, Cancellation cancellation) throws OperationException {
        for (Path temp : plan.leftover()) {
            try {
                Files.deleteIfExists(temp); // another name of a blob whose own names are all still there
            } catch (IOException e) {
                throw failure(temp, e);
            }
        }
        OpenFiles now = open.get();
        var linked = new ArrayList<DedupePlan.Link>();
        var skipped = new ArrayList<DedupePlan.Skip>();
        long total = 2 * plan.bytesSaved();
        long done = 0;
        for (DedupePlan.Link link : plan.links()) {
            cancellation.throwIfCancelled();
            progress.message(link.duplicate().toString());
            Optional<DedupePlan.Skip> skip = linkOne(link, now, cancellation);
            skip.ifPresentOrElse(skipped::add, () -> linked.add(link));
            done += 2 * link.size();
            progress.progress(done, total);
        }
        var relinked = new ArrayList<DedupePlan.Relink>();
        for (DedupePlan.Relink relink : plan.relinks()) {
            cancellation.throwIfCancelled();
            progress.message(relink.file().toString());
            Optional<DedupePlan.Skip> skip = relinkOne(relink, now, cancellation);
            skip.ifPresentOrElse(skipped::add, () -> relinked.add(relink));
            done += 2 * relink.size();
            progress.progress(done, total);
        }
        long freed = linked.stream().mapToLong(DedupePlan.Link::size).sum()
                + relinked.stream().mapToLong(DedupePlan.Relink::size).sum();
        return new DedupeResult(linked, relinked, freed, skipped);
    }

    private Optional<DedupePlan.Skip> relinkOne(DedupePlan.Relink relink, OpenFiles now, Cancellation cancel)
            throws OperationException {
        Path file = relink.file();
        var holders = now.holders(file);
        if (!holders.isEmpty()) {
            return skip(file, DedupePlan.Reason.IN_USE, "skip.IN_USE", file, holders.get(0));
        }
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        try (var lock = FileLocks.tryLock(lockOf(relink.blob(), relink.etag())).orElse(null)) {
            if (lock == null) {
                return skip(file, DedupePlan.Reason.BUSY, "skip.BUSY", file);
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != relink.size()) {
                return skip(file, DedupePlan.Reason.DIFFERENT, "skip.DIFFERENT", file, relink.blob());
            }
            if (!verified.contains(relink.blob()) && !hashMatches(relink.blob(), relink.etag(), cancel)) {
                return skip(relink.blob(), DedupePlan.Reason.CORRUPT, "skip.CORRUPT", relink.blob());
            }
            verified.add(relink.blob());
            if (!hashMatches(file, relink.etag(), cancel)) {
                return skip(file, DedupePlan.Reason.DIFFERENT, "skip.DIFFERENT", file, relink.blob());
            }
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, file.getParent().relativize(relink.blob())); // ../../blobs/<etag>
            steps.linked(temp);
            if (!resolvesTo(temp, relink.blob())) {
                Files.deleteIfExists(temp);
                throw new IOException("the new symlink does not resolve to the blob");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE); // rename(2) replaces atomically
            return Optional.empty();
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static boolean resolvesTo(Path link, Path blob) throws IOException {
        Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        return target.equals(blob.normalize()) && Files.isSameFile(link, blob);
    }

    private Optional<DedupePlan.Skip> linkOne(DedupePlan.Link link, OpenFiles now, Cancellation cancel)
            throws OperationException {
        var holders = now.holders(link.duplicate());
        if (!holders.isEmpty()) {
            return skip(link.duplicate(), DedupePlan.Reason.IN_USE, "skip.IN_USE", link.duplicate(), holders.get(0));
        }
        Path temp = link.duplicate().resolveSibling(link.etag() + TEMP_SUFFIX);
        try (var lock = FileLocks.tryLock(lockOf(link.duplicate(), link.etag())).orElse(null)) {
            if (lock == null) {
                return skip(link.duplicate(), DedupePlan.Reason.BUSY, "skip.BUSY", link.duplicate());
            }
            for (Path file : List.of(link.keep(), link.duplicate())) {
                if (!verified.contains(file) && !hashMatches(file, link.etag(), cancel)) {
                    return skip(file, DedupePlan.Reason.CORRUPT, "skip.CORRUPT", file);
                }
            }
            verified.add(link.keep());
            Files.deleteIfExists(temp);
            Files.createLink(temp, link.keep());
            steps.linked(temp);
            if (!sameInode(temp, link.keep())) {
                Files.deleteIfExists(temp);
                throw new IOException("the new link is not the kept file");
            }
            Files.move(temp, link.duplicate(), StandardCopyOption.ATOMIC_MOVE); // rename(2) replaces atomically
            return Optional.empty();
        } catch (IOException e) {
            throw failure(link.duplicate(), e);
        }
    }

    private static boolean sameInode(Path a, Path b) {
        var sa = FileStats.lstat(a);
        var sb = FileStats.lstat(b);
        return sa.isPresent() && sb.isPresent() && sa.get().fileKey().equals(sb.get().fileKey());
    }

    /** {@code <cache>/.locks/<repo folder>/<etag>.lock}, the lock the official client and our downloads take. */
    private static Path lockOf(Path blob, String etag) {
        Path repo = blob.getParent().getParent();
        Map.Entry<RepoType, String> id = HubLayout.parseFolderName(repo.getFileName().toString()).orElseThrow();
        return new HubLayout(repo.getParent(), id.getKey(), id.getValue()).lock(etag);
    }

    private static boolean hashMatches(Path file, String etag, Cancellation cancel) throws IOException,
            OperationException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ContentHash hash = ContentHash.forEtag(etag, ch.size());
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            int chunks = 0;
            while (ch.read(buf.clear()) > 0) {
                hash.update(buf.array(), 0, buf.position());
                if (++chunks % 64 == 0) {
                    cancel.throwIfCancelled();
                }
            }
            return hash.matches();
        }
    }

    private static Optional<DedupePlan.Skip> skip(Path path, DedupePlan.Reason reason, String key, Object... args) {
        return Optional.of(new DedupePlan.Skip(path, reason, DedupeMessages.of(key, args)));
    }

    private static OperationException failure(Path path, IOException e) {
        return new OperationException(DedupeMessages.of("failed", path, IoReasons.of(e)), path, e);
    }
}
