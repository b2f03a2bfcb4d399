package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.fs.IoReasons;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a {@link CleanupPlan}: repo by repo, holding the repo's lock files so that no download starts in it
 * meanwhile, in the plan's order (refs and links, snapshots, blobs, the folder), then the root-level leftovers.
 * Every path is checked to lie inside its cache root before it is touched; links are removed, never followed.
 * Cancelling stops between two removals, which leaves a cache the official client reads (the order sees to it);
 * {@link #soFar()} then says what was removed.
 */
public final class CleanupOperation implements Operation<CleanupResult> {

    private final CleanupPlan plan;
    private final Disposal disposal;
    private volatile Run current;

    public CleanupOperation(CleanupPlan plan, Disposal disposal) {
        this.plan = plan;
        this.disposal = disposal;
    }

    @Override
    public dev.modelkeeper.core.task.Message title() {
        return CleanupMessages.of("cleanup.title", plan.removals().size());
    }

    @Override
    public CleanupResult run(ProgressListener progress, Cancellation cancel) throws OperationException {
        var byRepo = new LinkedHashMap<Path, List<CleanupPlan.Removal>>();
        var rootLevel = new ArrayList<CleanupPlan.Removal>();
        for (CleanupPlan.Removal r : plan.removals()) {
            if (r.repoPath() == null) {
                rootLevel.add(r);
            } else {
                byRepo.computeIfAbsent(r.repoPath(), p -> new ArrayList<>()).add(r);
            }
        }
        var run = new Run(progress, cancel, plan.removals().size());
        current = run;
        for (Map.Entry<Path, List<CleanupPlan.Removal>> repo : byRepo.entrySet()) {
            run.repo(repo.getKey(), repo.getValue());
        }
        for (CleanupPlan.Removal r : rootLevel) {
            run.one(r);
        }
        return run.result();
    }

    /**
     * What the run has done until now: while it runs, or after it stopped because it was cancelled (the
     * {@link dev.modelkeeper.core.task.CancelledException} carries no result). Empty before it starts.
     */
    public CleanupResult soFar() {
        Run run = current;
        return run == null ? new CleanupResult(List.of(), List.of(), List.of()) : run.result();
    }

    /** The state of one run. */
    private final class Run {
        final ProgressListener progress;
        final Cancellation cancel;
        final long total;
        final List<CleanupPlan.Removal> removed = new ArrayList<>();
        final List<CleanupPlan.Refusal> refused = new ArrayList<>();
        final List<CleanupResult.Failure> failed = new ArrayList<>();
        long done;

        synchronized CleanupResult result() {
            return new CleanupResult(removed, refused, failed);
        }

        Run(ProgressListener progress, Cancellation cancel, long total) {
            this.progress = progress;
            this.cancel = cancel;
            this.total = total;
        }

        void repo(Path repoPath, List<CleanupPlan.Removal> removals) throws OperationException {
            cancel.throwIfCancelled();
            CleanupPlan.Removal first = removals.getFirst();
            Optional<List<FileLocks.HeldLock>> held;
            try {
                held = RepoLocks.tryHoldAll(first.root(), repoPath);
            } catch (IOException e) {
                held = Optional.empty();
            }
            if (held.isEmpty()) {
                refuse(new CleanupPlan.Refusal(first.repo(), repoPath,
                        CleanupMessages.of("cleanup.refused.lockedNow", first.repo())));
                done += removals.size();
                return;
            }
            try {
                for (CleanupPlan.Removal r : removals) {
                    one(r);
                }
            } finally {
                RepoLocks.release(held.get());
            }
        }

        synchronized void fail(CleanupResult.Failure f) {
            failed.add(f);
        }

        synchronized void refuse(CleanupPlan.Refusal r) {
            refused.add(r);
        }

        void one(CleanupPlan.Removal r) throws OperationException {
            cancel.throwIfCancelled();
            progress.message(r.path().toString());
            try {
                Containment.check(r.root(), r.path());
                if (r.kind() == CleanupPlan.Kind.SHARED_PAYLOAD) {
                    SharedStore.sweep(r.root(), r.path(), disposal);
                } else {
                    disposal.dispose(r.path());
                }
                if (Files.exists(r.path(), LinkOption.NOFOLLOW_LINKS)) {
                    fail(new CleanupResult.Failure(r.path(), CleanupMessages.of("cleanup.failed.stays", r.path())));
                } else {
                    synchronized (this) {
                        removed.add(r);
                    }
                }
            } catch (IOException e) {
                fail(new CleanupResult.Failure(r.path(),
                        CleanupMessages.of("cleanup.failed", r.path(), IoReasons.of(e))));
            }
            CleanupCrashPoint.reach(r);
            progress.progress(++done, total);
        }
    }
}
