package dev.modelkeeper.core.manifest;

import dev.modelkeeper.core.fs.IoReasons;
import static dev.modelkeeper.core.manifest.ManifestException.BUNDLE;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.fs.AtomicFiles;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.RepoPaths;
import dev.modelkeeper.core.manifest.EnsureResult.EntryResult;
import dev.modelkeeper.core.manifest.ProjectManifest.Entry;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.team.PullOperation;
import dev.modelkeeper.core.team.PullResult;
import dev.modelkeeper.core.team.TeamStore;
import dev.modelkeeper.core.team.TeamStoreException;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes every entry of a manifest complete in a hub cache, so programs load it offline: each revision (the locked
 * commit when there is a lock file) comes from the team store when one is configured and holds it, else from the
 * Hub (or mirror), through the download machinery; then it is verified and checked as {@link #check} does.
 * {@link #check} alone changes nothing and needs no network.
 */
public final class EnsureOperation implements Operation<EnsureResult> {

    private final ProjectManifest manifest;
    private final Optional<LockFile> lock;
    private final Path cache;
    private final Optional<TeamStore> store;
    private final HubClient hub;
    private final VerdictStore verdicts;
    private final int parallelism;

    /**
     * @param store    the team store to ask first, or empty
     * @param hub      the Hub or mirror, for what the store does not hold
     * @param verdicts remembered digests, so an unchanged file is not hashed twice
     */
    public EnsureOperation(ProjectManifest manifest, Optional<LockFile> lock, Path cache, Optional<TeamStore> store,
                           HubClient hub, VerdictStore verdicts, int parallelism) {
        this.manifest = manifest;
        this.lock = lock;
        this.cache = cache;
        this.store = store;
        this.hub = hub;
        this.verdicts = verdicts;
        this.parallelism = Math.max(1, parallelism);
    }

    @Override
    public dev.modelkeeper.core.task.Message title() {
        return dev.modelkeeper.core.task.OperationTitles.of("ensure", manifest.file());
    }

    /** Whether every entry loads offline from {@code cache} now: reads the disk only. */
    public static EnsureResult check(ProjectManifest manifest, Optional<LockFile> lock, Path cache) {
        var results = new ArrayList<EntryResult>();
        for (Entry e : manifest.entries()) {
            var state = ReadyCheck.check(cache, e, lock.flatMap(l -> l.commit(e)));
            results.add(new EntryResult(e, state.commit(), state.missing(), 0, 0, 0));
        }
        return new EnsureResult(cache, results);
    }

    @Override
    public EnsureResult run(ProgressListener progress, Cancellation cancel) throws OperationException {
        var results = new ArrayList<EntryResult>();
        for (Entry e : manifest.entries()) {
            cancel.throwIfCancelled();
            progress.message(new Message(BUNDLE, "manifest.progress.entry", e.label()).toString());
            results.add(ensure(e, progress, cancel));
        }
        return new EnsureResult(cache, results);
    }

    private EntryResult ensure(Entry e, ProgressListener progress, Cancellation cancel) throws OperationException {
        Optional<String> locked = lock.flatMap(l -> l.commit(e));
        var request = new DownloadRequest(e.type(), e.repo(), locked.orElse(e.wanted()), e.include(), e.exclude(), cache,
                false);
        DownloadPlan plan;
        long fromHub;
        long fromStore = 0;
        Optional<PullResult> pulled = pull(request, progress, cancel);
        if (pulled.isPresent()) {
            plan = pulled.get().plan();
            fromHub = pulled.get().bytesFromHub();
            fromStore = pulled.get().bytesFromStore();
        } else {
            plan = new DownloadOperation(hub, request, parallelism).run(progress, cancel);
            fromHub = plan.bytesToFetch();
        }
        if (e.revision() != null && locked.isPresent()) {
            pointRef(new HubLayout(cache, e.type(), e.repo()), e.revision(), plan.commit());
        }
        var missing = new ArrayList<Message>();
        verify(e, plan.commit(), progress, cancel).forEach(missing::add);
        missing.addAll(ReadyCheck.check(cache, e, Optional.of(plan.commit())).missing());
        return new EntryResult(e, plan.commit(), missing, plan.files().size(), fromHub, fromStore);
    }

    /** The revision from the team store, the Hub serving only blobs the store lacks; empty when it was never pushed. */
    private Optional<PullResult> pull(DownloadRequest request, ProgressListener progress, Cancellation cancel)
            throws OperationException {
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PullOperation(store.get(), Optional.of(hub), request, parallelism).run(progress, cancel));
        } catch (TeamStoreException ex) {
            if (ex.kind() == TeamStoreException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    /**
     * A locked commit was fetched by its hash, which writes no ref: the branch is pointed at it, so a program asking
     * for {@code main} offline gets the locked commit.
     */
    private static void pointRef(HubLayout layout, String revision, String commit) throws OperationException {
        Path ref = layout.ref(revision);
        try {
            if (!RepoPaths.isSafe(revision)) {
                throw new IOException("not a ref name");
            }
            if (!Files.exists(ref) || !Files.readString(ref, StandardCharsets.UTF_8).equals(commit)) {
                Files.createDirectories(ref.getParent());
                AtomicFiles.writeString(ref, commit);
            }
        } catch (IOException ex) {
            throw new OperationException(new Message(BUNDLE, "manifest.error.writeRef", ref, IoReasons.of(ex)), ref, ex);
        }
    }

    private List<Message> verify(Entry e, String commit, ProgressListener progress, Cancellation cancel)
            throws OperationException {
        var layout = new HubLayout(cache, e.type(), e.repo());
        var root = new CacheRoot(cache, CacheKind.HF_HUB, CacheRoot.Origin.USER, null);
        VerifyReport report = new VerifyOperation(VerifyScope.revision(root, layout.repo(), commit), verdicts,
                VerifyListener.NONE, parallelism, Optional.empty()).run(progress, cancel);
        var out = new ArrayList<Message>();
        for (VerifyFinding f : report.findings()) {
            if (f.severity() == Severity.ERROR) {
                out.add(new Message(BUNDLE, "manifest.missing.damaged", e.label(), f.kind().name().toLowerCase(),
                        f.path()));
            }
        }
        return out;
    }
}
