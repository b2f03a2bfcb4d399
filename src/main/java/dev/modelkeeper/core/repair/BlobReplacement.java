package dev.modelkeeper.core.repair;

import dev.modelkeeper.core.fs.IoReasons;
import static dev.modelkeeper.core.download.DownloadMessages.BUNDLE;

import dev.modelkeeper.core.recovery.RepairJournal;
import dev.modelkeeper.core.recovery.RepairRecovery;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.fs.ContentHash;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.download.BlobFetcher;
import dev.modelkeeper.core.recovery.RepairJournal.Step;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import dev.modelkeeper.core.verify.VerifyFinding.RepoRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a damaged file with a verified download, under the blob's lock, with a {@link RepairJournal}
 * written before each step. The damaged file is never moved or deleted: it stays where it is until the
 * verified replacement takes its place in one atomic rename. So at every instant, a kill included, the
 * file is either the original or the verified replacement; what a kill leaves besides (the journal, a
 * half-made copy) is cleaned up by {@link RepairRecovery} before the next verify or repair. A failure or
 * a cancel cleans up at once, the same way.
 */
final class BlobReplacement {

    private static final int CHUNK = 1 << 20;

    private final BlobFetcher fetcher;

    BlobReplacement(BlobFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Symlink mode: {@code blobs/<etag>} is fetched again; the verified download replaces it. */
    void refetch(RepoRef repo, FileRef file, String etag, long size, Cancellation cancel) throws OperationException {
        HubLayout layout = repo.layout();
        Path blob = layout.blob(etag);
        try (var lock = FileLocks.lock(layout.lock(etag), cancel)) {
            RepairRecovery.finishHeld(layout.repo(), etag); // an earlier repair of this blob that was interrupted
            var j = RepairJournal.start(layout.repo(), etag, blob, false, true);
            RepairCrashPoint.reach("started");
            try {
                fetcher.refetchHeld(layout, repo.type(), repo.repoId(), file.commit(), file.filePath(), etag, size,
                        cancel);
                RepairCrashPoint.reach("fetched");
            } catch (OperationException | RuntimeException e) {
                cleanUp(j, e);
                throw e;
            }
            RepairRecovery.finish(j);
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "repair.error.replace", blob, IoReasons.of(e)), blob, e);
        }
    }

    /**
     * Copy mode: the snapshot file itself holds the bytes. The blob is fetched (unless a good one is
     * there), copied beside itself with its hash checked, and the copy takes the snapshot file's place.
     * A blob fetched only for this is deleted at the end: the official client leaves none in copy mode.
     */
    void replaceCopy(RepoRef repo, FileRef file, String etag, long size, Cancellation cancel)
            throws OperationException {
        HubLayout layout = repo.layout();
        Path entry = layout.pointer(file.commit(), file.filePath());
        Path blob = layout.blob(etag);
        try (var lock = FileLocks.lock(layout.lock(etag), cancel)) {
            RepairRecovery.finishHeld(layout.repo(), etag);
            boolean blobWasThere = Files.exists(blob, LinkOption.NOFOLLOW_LINKS);
            var j = RepairJournal.start(layout.repo(), etag, entry, true, blobWasThere);
            RepairCrashPoint.reach("started");
            try {
                if (!blobWasThere) {
                    fetcher.refetchHeld(layout, repo.type(), repo.repoId(), file.commit(), file.filePath(), etag,
                            size, cancel);
                }
                j = j.at(Step.FETCHED);
                RepairCrashPoint.reach("fetched");
                if (!copyVerified(blob, j.copy(), etag, cancel)) {
                    // the blob that was there is damaged too: the verified download replaces it, then copy again
                    fetcher.refetchHeld(layout, repo.type(), repo.repoId(), file.commit(), file.filePath(), etag,
                            size, cancel);
                    if (!copyVerified(blob, j.copy(), etag, cancel)) {
                        throw new OperationException(new Message(BUNDLE, "repair.error.copyChecksum", blob.getFileName(),
                                entry), entry, null);
                    }
                }
                j = j.at(Step.COPIED);
                RepairCrashPoint.reach("copied");
                Files.move(j.copy(), entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                j = j.at(Step.REPLACED);
                RepairCrashPoint.reach("replaced");
            } catch (OperationException | IOException | RuntimeException e) {
                cleanUp(j, e);
                throw e;
            }
            RepairRecovery.finish(j);
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "repair.error.replace", entry, IoReasons.of(e)), entry, e);
        }
    }

    /** After a failure or a cancel: the journal says what to undo; the first exception is the one reported. */
    private static void cleanUp(RepairJournal j, Exception e) {
        try {
            RepairRecovery.finish(j);
        } catch (IOException cleanup) {
            e.addSuppressed(cleanup); // the journal stays: the next verify or repair finishes it
        }
    }

    /** Copies {@code blob} to {@code copy}, hashing as it goes, and forces it to disk; false (no copy) if wrong. */
    private static boolean copyVerified(Path blob, Path copy, String etag, Cancellation cancel)
            throws IOException, OperationException {
        ContentHash hash = ContentHash.forEtag(etag, Files.size(blob));
        try (InputStream in = Files.newInputStream(blob);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[CHUNK];
            for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                cancel.throwIfCancelled();
                out.write(ByteBuffer.wrap(buf, 0, n));
                if (hash != null) {
                    hash.update(buf, 0, n);
                }
            }
            out.force(true);
        }
        if (hash != null && !hash.matches()) {
            Files.delete(copy);
            return false;
        }
        return true;
    }
}
