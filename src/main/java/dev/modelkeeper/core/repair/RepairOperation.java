package dev.modelkeeper.core.repair;

import dev.modelkeeper.core.fs.IoReasons;
import dev.modelkeeper.core.task.OperationTitles;
import static dev.modelkeeper.core.download.DownloadMessages.BUNDLE;

import dev.modelkeeper.core.recovery.RepairRecovery;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.fs.AtomicFiles;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.download.BlobFetcher;
import dev.modelkeeper.core.download.DownloadMessages;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.repair.RepairAction.Kind;
import dev.modelkeeper.core.repair.RepairResult.Failure;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries out a {@link RepairPlan}. Nothing healthy is touched: only the files the plan names change.
 * A damaged blob stays (aside) until its replacement is downloaded and verified, and comes back if the
 * download fails; links and refs are replaced atomically. Without a Hub connection the steps that need
 * none are done and the others are reported. One failing step does not stop the others.
 */
public final class RepairOperation implements Operation<RepairResult> {

    private final RepairPlan plan;
    private final Optional<HubClient> hub;
    private final BandwidthLimit limit;

    /** @param hub the Hub to fetch from; empty to repair offline */
    public RepairOperation(RepairPlan plan, Optional<HubClient> hub, BandwidthLimit limit) {
        this.plan = plan;
        this.hub = hub;
        this.limit = limit;
    }

    @Override
    public Message title() {
        return OperationTitles.of("repair.plan", plan.actions().size());
    }

    @Override
    public RepairResult run(ProgressListener progress, Cancellation cancel) throws OperationException {
        var transferred = new AtomicLong();
        var fetcher = hub.map(h -> new BlobFetcher(h, transferred, limit, DownloadOperation.DEFAULT_CONNECTIONS_PER_FILE));
        var done = new ArrayList<RepairAction>();
        var offline = new ArrayList<RepairAction>();
        var failed = new ArrayList<Failure>();
        long total = Math.max(1, plan.bytesToFetch());
        var ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("repair-progress")
                .factory());
        ticker.scheduleAtFixedRate(() -> progress.progress(Math.min(transferred.get(), total), total), 200, 200,
                TimeUnit.MILLISECONDS);
        try {
            // what an interrupted repair left is finished first, whatever the plan was made from
            plan.actions().stream().flatMap(a -> a.repo().stream()).map(r -> r.repoDir()).distinct()
                    .forEach(RepairRecovery::recover);
            for (RepairAction a : plan.actions()) {
                cancel.throwIfCancelled();
                progress.message(DownloadMessages.progress("repair.progress." + a.kind().name(), a.path().getFileName()));
                boolean blobMissing = a.kind() == Kind.RELINK && !Files.exists(blobOf(a), LinkOption.NOFOLLOW_LINKS);
                if ((a.kind().needsNetwork() || blobMissing) && fetcher.isEmpty()) {
                    offline.add(a);
                    continue;
                }
                try {
                    perform(a, fetcher, progress, cancel);
                    done.add(a);
                } catch (CancelledException e) {
                    throw e;
                } catch (OperationException e) {
                    failed.add(new Failure(a, e));
                } catch (IOException e) {
                    failed.add(new Failure(a, new OperationException(new Message(BUNDLE, "repair.error.change", a.path(),
                            IoReasons.of(e)), a.path(), e)));
                }
            }
        } finally {
            ticker.shutdownNow();
        }
        progress.progress(total, total);
        return new RepairResult(done, offline, failed, transferred.get());
    }

    private void perform(RepairAction a, Optional<BlobFetcher> fetcher, ProgressListener progress, Cancellation cancel)
            throws OperationException, IOException {
        switch (a.kind()) {
            case FETCH_BLOB -> new BlobReplacement(fetcher.orElseThrow()).refetch(a.repo().orElseThrow(),
                    a.files().getFirst(), a.etag(), a.bytes(), cancel);
            case FETCH_COPY -> {
                var replacement = new BlobReplacement(fetcher.orElseThrow());
                for (FileRef f : a.files()) {
                    replacement.replaceCopy(a.repo().orElseThrow(), f, a.etag(), a.bytes(), cancel);
                }
            }
            case RELINK -> relink(a, fetcher, cancel);
            case REWRITE_REF -> {
                String commit = Files.readString(a.path(), StandardCharsets.UTF_8).strip();
                AtomicFiles.writeString(a.path(), commit); // as the official client writes it: no newline
            }
            case FETCH_REVISION -> fetchRevision(a, progress, cancel);
            case DELETE_REF, DELETE_ORPHAN, DELETE_CHECKPOINT -> Files.deleteIfExists(a.path());
            case DELETE_PARTIAL -> deletePartial(a);
            case FINISH_INTERRUPTED -> RepairRecovery.recoverFile(a.path());
        }
    }

    private static Path blobOf(RepairAction a) {
        return a.repo().orElseThrow().layout().blob(a.etag());
    }

    /** Points each snapshot entry at {@code blobs/<etag>} with a relative link, fetching the blob first if needed. */
    private static void relink(RepairAction a, Optional<BlobFetcher> fetcher, Cancellation cancel)
            throws OperationException, IOException {
        var repo = a.repo().orElseThrow();
        HubLayout layout = repo.layout();
        Path blob = layout.blob(a.etag());
        FileRef first = a.files().getFirst();
        if (!Files.exists(blob, LinkOption.NOFOLLOW_LINKS)) {
            fetcher.orElseThrow().fetchLocked(layout, repo.type(), repo.repoId(), first.commit(), first.filePath(),
                    a.etag(), a.bytes(), cancel);
        }
        cancel.throwIfCancelled(); // the blob may be here now; the links are as they were
        for (FileRef f : a.files()) { // a kill leaves at most a .repair-link beside an entry: RepairRecovery removes it
            Path entry = layout.pointer(f.commit(), f.filePath());
            Files.createDirectories(entry.getParent());
            Path tmp = entry.resolveSibling(entry.getFileName() + ".repair-link");
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, entry.getParent().relativize(blob));
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void fetchRevision(RepairAction a, ProgressListener progress, Cancellation cancel)
            throws OperationException, IOException {
        var repo = a.repo().orElseThrow();
        String commit = Files.readString(a.path(), StandardCharsets.UTF_8).strip();
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new OperationException(new Message(BUNDLE, "repair.error.notACommit", a.path().getFileName()),
                    a.path(), null);
        }
        // a Hub failure is reported as it is, so it keeps its key and is shown in the reader's language
        new DownloadOperation(hub.orElseThrow(), new DownloadRequest(repo.type(), repo.repoId(), commit, List.of(),
                List.of(), repo.cacheDir(), false), 4, limit).run(ProgressListener.NONE, cancel);
    }

    /** Deletes a partial download, unless a process started writing it since verify looked. */
    private static void deletePartial(RepairAction a) throws IOException, OperationException {
        String name = a.path().getFileName().toString();
        String etag = name.substring(0, name.indexOf('.'));
        var repo = a.repo();
        if (repo.isEmpty()) {
            Files.deleteIfExists(a.path());
            return;
        }
        HubLayout layout = repo.get().layout();
        Optional<FileLocks.HeldLock> lock = FileLocks.tryLock(layout.lock(etag));
        if (lock.isEmpty()) {
            throw new OperationException(new Message(BUNDLE, "repair.error.beingDownloaded", a.path().getFileName()),
                    a.path(), null);
        }
        try (var held = lock.get()) {
            Files.deleteIfExists(a.path());
            if (name.endsWith(".parts.incomplete") || name.endsWith(".parts.json")) {
                Files.deleteIfExists(layout.parts(etag));
                Files.deleteIfExists(layout.partsJournal(etag));
            }
        }
    }
}
