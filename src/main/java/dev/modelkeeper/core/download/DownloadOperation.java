package dev.modelkeeper.core.download;

import dev.modelkeeper.core.fs.IoReasons;
import dev.modelkeeper.core.task.OperationTitles;
import static dev.modelkeeper.core.download.DownloadMessages.BUNDLE;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.PathPatterns;
import dev.modelkeeper.core.hub.TreeEntry;
import dev.modelkeeper.core.download.DownloadPlan.Action;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads a revision of a repo into a hub cache, writing exactly what the official client writes, so
 * that {@code huggingface_hub} loads it offline as its own. Blobs already in the cache cost nothing;
 * several files download at once; each blob is fetched under its {@code .locks} flock, which excludes
 * (and is excluded by) Python clients on the same cache.
 */
public final class DownloadOperation implements Operation<DownloadPlan> {

    private final RevisionListing listing;
    private final BlobSource bytes;
    private final DownloadRequest request;
    private final int parallelism;
    private final BandwidthLimit limit;
    private final int connectionsPerFile;

    /** Connections for one large file (at least {@value RangedFetch#THRESHOLD} bytes) unless told otherwise. */
    public static final int DEFAULT_CONNECTIONS_PER_FILE = 4;

    public DownloadOperation(HubClient client, DownloadRequest request, int parallelism) {
        this(client, request, parallelism, BandwidthLimit.NONE);
    }

    /** With a speed cap, which may be shared with other downloads so that together they stay under it. */
    public DownloadOperation(HubClient client, DownloadRequest request, int parallelism, BandwidthLimit limit) {
        this(client, request, parallelism, limit, DEFAULT_CONNECTIONS_PER_FILE);
    }

    /**
     * @param parallelism        files fetched at once
     * @param connectionsPerFile ranged connections for one large file (1: always a single stream)
     */
    public DownloadOperation(HubClient client, DownloadRequest request, int parallelism, BandwidthLimit limit,
                             int connectionsPerFile) {
        this(client, new HubBlobSource(client), request, parallelism, limit, connectionsPerFile);
    }

    /**
     * The revision and its listing come from {@code client}; the bytes from {@code bytes}, which may be a chain
     * of sources (a team store first, then the endpoint).
     */
    public DownloadOperation(HubClient client, BlobSource bytes, DownloadRequest request, int parallelism,
                             BandwidthLimit limit, int connectionsPerFile) {
        this(RevisionListing.of(client), bytes, request, parallelism, limit, connectionsPerFile);
    }

    /**
     * The revision and its files come from {@code listing} (the Hub, or a team store's manifest when the Hub
     * may be out of reach); the bytes from {@code bytes}.
     */
    public DownloadOperation(RevisionListing listing, BlobSource bytes, DownloadRequest request, int parallelism,
                             BandwidthLimit limit, int connectionsPerFile) {
        this.listing = listing;
        this.bytes = bytes;
        this.request = request;
        this.parallelism = Math.max(1, parallelism);
        this.limit = limit;
        this.connectionsPerFile = Math.max(1, connectionsPerFile);
    }

    @Override
    public Message title() {
        return OperationTitles.of("download", request.repoId(), request.revision());
    }

    @Override
    public DownloadPlan run(ProgressListener progress, Cancellation cancel) throws OperationException {
        progress.message(DownloadMessages.progress("download.progress.listing", request.repoId()));
        String commit = listing.commit(request.type(), request.repoId(), request.revision(), cancel);
        var patterns = new PathPatterns(request.include(), request.exclude());
        RevisionListing.Files files = listing.files(request.type(), request.repoId(), commit, cancel);
        List<TreeEntry> entries = files.offered().stream().filter(e -> patterns.accepts(e.path())).toList();
        var layout = new HubLayout(request.cache(), request.type(), request.repoId());
        DownloadPlan plan = plan(layout, commit, entries);
        checkAccess(commit, plan, cancel);
        if (request.dryRun()) {
            return plan;
        }
        DiskSpace.require(request.cache(), plan.bytesToFetch());
        var writer = new CacheWriter(layout);
        boolean fresh = !Files.exists(layout.repo());
        try {
            writer.prepare(commit);
            writer.writeRef(request.revision(), commit);
            if (files.wholeCommit() != null) {
                writer.writeTree(commit, files.wholeCommit());
            }
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "download.error.writeCache", request.cache(), IoReasons.of(e)),
                    request.cache(), e);
        }
        try {
            fetchAll(layout, plan, progress, cancel);
        } catch (OperationException e) {
            if (fresh) {
                RepoFolders.removeIfNothingFetched(layout);
            }
            throw e;
        }
        link(writer, plan);
        progress.progress(plan.bytesOfFilesToFetch(), plan.bytesOfFilesToFetch());
        return plan;
    }

    /**
     * Asks for the metadata of the first file to fetch. On the Hub a gated or private repo may list its files
     * to anyone and refuse only the files: this finds that out in the preview, and before anything is written.
     */
    private void checkAccess(String commit, DownloadPlan plan, Cancellation cancel) throws OperationException {
        for (var item : plan.files()) {
            if (item.action() == Action.FETCH) {
                listing.checkAccess(request.type(), request.repoId(), commit, item.path(), cancel);
                return;
            }
        }
    }

    /** PRESENT when the snapshot entry resolves, LINK when the blob is there, else FETCH (once per blob). */
    private static DownloadPlan plan(HubLayout layout, String commit, List<TreeEntry> entries) {
        var items = new ArrayList<DownloadPlan.Item>();
        var fetching = new HashSet<String>();
        for (TreeEntry e : entries) {
            Action action = Files.exists(layout.pointer(commit, e.path())) ? Action.PRESENT
                    : Files.exists(layout.blob(e.etag())) || !fetching.add(e.etag()) ? Action.LINK : Action.FETCH;
            long partial = action == Action.FETCH ? PartialDownloads.fetchedBytes(layout, e.etag(), e.size()) : 0;
            items.add(new DownloadPlan.Item(e.path(), e.etag(), e.size(), action, partial));
        }
        return new DownloadPlan(commit, layout.snapshot(commit), items);
    }

    private void fetchAll(HubLayout layout, DownloadPlan plan, ProgressListener progress, Cancellation outer)
            throws OperationException {
        var cancel = Cancellation.create(); // one failed file stops the others without cancelling the caller
        AutoCloseable link = outer.onCancel(cancel::cancel);
        var transferred = new AtomicLong();
        var fetcher = new BlobFetcher(bytes, transferred, limit, connectionsPerFile).onWaiting(progress::message);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism,
                Thread.ofPlatform().daemon().name("download-", 0).factory());
        var futures = new ArrayList<Future<Void>>();
        try {
            for (var item : plan.files()) {
                if (item.action() == Action.FETCH) {
                    futures.add(pool.submit(() -> fetchLocked(fetcher, layout, plan.commit(), item, cancel)));
                }
            }
            for (var f : futures) {
                await(f, transferred, plan.bytesOfFilesToFetch() - plan.bytesToFetch(), plan.bytesOfFilesToFetch(),
                        progress, cancel);
            }
        } catch (OperationException e) {
            cancel.cancel(); // stop the other files; their partial data stays and resumes next time
            throw outer.isCancelled() ? new CancelledException() : e;
        } finally {
            // the files are stopped by the cancel; waiting lets them record what they wrote before we return
            if (Workers.finish(pool)) {
                Thread.currentThread().interrupt();
            }
            try {
                link.close();
            } catch (Exception ignored) {
                // only unregisters the hook
            }
        }
    }

    private Void fetchLocked(BlobFetcher fetcher, HubLayout layout, String commit, DownloadPlan.Item item,
                             Cancellation cancel) throws OperationException {
        fetcher.fetchLocked(layout, request.type(), request.repoId(), commit, item.path(), item.etag(), item.size(),
                cancel);
        return null;
    }

    /**
     * Waits for one file, reporting progress as the files' bytes on disk: what interrupted downloads left
     * ({@code already}) plus what arrived now, of their whole size, so a resumed download goes on from where
     * it stood instead of starting again at 0 of a smaller total.
     */
    private static void await(Future<Void> f, AtomicLong done, long already, long total, ProgressListener progress,
                              Cancellation cancel) throws OperationException {
        while (true) {
            try {
                f.get(200, TimeUnit.MILLISECONDS);
                progress.progress(already + done.get(), total);
                return;
            } catch (TimeoutException e) {
                progress.progress(already + done.get(), total);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof OperationException oe) {
                    throw oe;
                }
                throw new OperationException(new Message(BUNDLE, "download.error.failed", e.getCause().getMessage()), null,
                        e.getCause());
            }
        }
    }

    private static void link(CacheWriter writer, DownloadPlan plan) throws OperationException {
        for (var item : plan.files()) {
            if (item.action() == Action.PRESENT) {
                continue;
            }
            try {
                writer.link(plan.commit(), item.path(), item.etag(), item.action() == Action.FETCH);
            } catch (IOException e) {
                Path p = plan.snapshot().resolve(item.path());
                throw new OperationException(new Message(BUNDLE, "download.error.create", p, e.getMessage()), p, e);
            }
        }
    }
}
