package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.task.OperationTitles;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.recovery.RepairRecovery;
import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.hub.HubClient;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Verifies what a {@link VerifyScope} covers, offline unless a {@link HubClient} is given.
 *
 * <p>Offline, with no network: the scanner's structure checks (dangling links, links leaving the repo,
 * refs with a newline or pointing at no snapshot, partial downloads no process holds, orphan blobs),
 * then every blob's content against the hash its name promises (64 hex: sha256; 40 hex: git blob sha1),
 * copy-mode files and sizes against {@code trees/<commit>.json} where present, and torch checkpoints
 * against the hash prefix in their name. Online, each revision is also compared with the Hub's tree
 * listing, as {@code hf cache verify} does: mismatched, missing and extra files.
 *
 * <p>Each stored file is read once however many entries use it, on {@code parallelism} threads, largest
 * first. Digests are kept in the {@link VerdictStore}, so an unchanged file is not read again. Progress
 * is in bytes hashed out of bytes to hash. Findings and verdicts stream to the {@link VerifyListener}
 * from the thread calling {@link #run}. Cancelling stops between 1 MB reads; what was hashed so far is
 * still remembered.
 */
public final class VerifyOperation implements Operation<VerifyReport> {

    private final VerifyScope scope;
    private final VerdictStore store;
    private final VerifyListener listener;
    private final int parallelism;
    private final Optional<HubClient> hub;
    private final CacheScanner scanner;

    /** Offline, on every core. */
    public VerifyOperation(VerifyScope scope, VerdictStore store, VerifyListener listener) {
        this(scope, store, listener, Runtime.getRuntime().availableProcessors(), Optional.empty());
    }

    /** @param hub the Hub to compare each revision with; empty for an offline verify */
    public VerifyOperation(VerifyScope scope, VerdictStore store, VerifyListener listener, int parallelism,
                           Optional<HubClient> hub) {
        this.scope = scope;
        this.store = store;
        this.listener = listener;
        this.parallelism = Math.max(1, parallelism);
        this.hub = hub;
        // no filesystem probe: where a cache lives (tmpfs, a container layer) is the scan's news, not verify's
        this.scanner = new CacheScanner(path -> Optional.empty(), FileLocks::isHeld);
    }

    @Override
    public Message title() {
        var target = scope.file() != null ? scope.file() : scope.repoDir() != null ? scope.repoDir() : null;
        if (target == null && scope.roots().size() > 1) {
            return OperationTitles.of("verify.many", scope.roots().size());
        }
        return OperationTitles.of("verify.one", target != null ? target : scope.roots().getFirst().path());
    }

    @Override
    public VerifyReport run(ProgressListener progress, Cancellation cancel) throws CancelledException {
        var tally = new Tally(listener);
        var checks = new ContentChecks(store, tally);
        var hubPlanner = new HubRepoPlanner(scope, new OnlineCheck(hub), checks, tally);
        var flatPlanner = new FlatPlanner(scope, checks, tally);
        try {
            for (CacheRoot root : scope.roots().stream().filter(CacheRoot::holdsModels).toList()) {
                cancel.throwIfCancelled();
                progress.message(root.path().toString());
                progress.progress(0, -1);
                finishInterruptedRepairs(root, tally);
                CacheScan scan = scan(root, cancel);
                rootFindings(scan, tally);
                for (Repo repo : scan.repos()) {
                    if (scope.includesRepo(repo.repoPath())) {
                        if (scan.kind() == CacheKind.HF_HUB) {
                            hubPlanner.plan(scan, repo, cancel);
                        } else {
                            repo.findings().forEach(f -> tally.finding(VerifyFinding.of(f)));
                            flatPlanner.plan(repo);
                        }
                    }
                }
            }
            hash(checks, progress, cancel);
        } finally {
            save();
        }
        return tally.report();
    }

    private CacheScan scan(CacheRoot root, Cancellation cancel) throws CancelledException {
        if (scope.repoDir() != null && Files.isDirectory(scope.repoDir())) {
            return scanner.scanRepo(root, scope.repoDir());
        }
        return scanner.scan(root, ScanListener.NONE, ProgressListener.NONE, cancel);
    }

    /**
     * What an interrupted repair left is finished before the scan looks (under each blob's lock, so a
     * repair running now is left alone), and reported; see {@link RepairRecovery}.
     */
    private void finishInterruptedRepairs(CacheRoot root, Tally tally) {
        Path folder = scope.repoDir() != null && scope.repoDir().startsWith(root.path()) ? scope.repoDir() : root.path();
        for (Path left : RepairRecovery.recover(folder)) {
            tally.finding(VerifyFinding.of(Finding.of(FindingKind.INTERRUPTED_REPAIR_FINISHED, left)));
        }
    }

    /** Root-level findings belong to whole-root scopes, except those about the one file asked for. */
    private void rootFindings(CacheScan scan, Tally tally) {
        for (Finding f : scan.findings()) {
            if (scope.level() == VerifyScope.Level.ROOTS || (scope.file() != null && f.path().startsWith(scope.file()))) {
                tally.finding(VerifyFinding.of(f));
            }
        }
    }

    private void hash(ContentChecks checks, ProgressListener progress, Cancellation cancel) throws CancelledException {
        var jobs = checks.jobs();
        long total = jobs.stream().mapToLong(j -> j.identity().size()).sum();
        progress.message(title());
        progress.progress(0, total);
        new HashPool(parallelism).run(jobs, checks::done, read -> progress.progress(read, total), cancel);
        progress.progress(total, total);
    }

    private void save() {
        try {
            store.save();
        } catch (IOException e) {
            // only a memo: the next run hashes again
        }
    }
}
