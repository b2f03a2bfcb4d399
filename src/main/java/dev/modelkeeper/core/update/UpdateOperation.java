package dev.modelkeeper.core.update;

import dev.modelkeeper.core.fs.IoReasons;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.fs.AtomicFiles;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.Operation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.OperationTitles;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
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
import java.util.regex.Pattern;

/**
 * Brings the refs of some cached repos to the endpoint's current commits, fetching only what changed. For each
 * outdated ref: the new commit is downloaded into its own snapshot folder by {@link DownloadOperation} (by commit,
 * so no ref is written; files whose blobs are in the cache are only linked), the new snapshot is verified, and only
 * then is the ref moved, atomically. The old snapshot folder is left as it was, detached, for the cleanup to
 * prune; a failure at any step leaves the ref where it was.
 */
public final class UpdateOperation implements Operation<List<UpdateOperation.Result>> {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** A repo to update: every ref it has in the cache. */
    public record Target(RepoType type, String repoId) {
    }

    /**
     * What happened to one ref.
     *
     * @param check   what the endpoint said and what changed
     * @param updated whether the ref now points at the new commit
     * @param fetched bytes that came over the network
     */
    public record Result(RefCheck check, boolean updated, long fetched) {
    }

    private final CacheRoot root;
    private final List<Target> targets;
    private final UpdateChecker checker;
    private final VerdictStore store;
    private final int parallelism;
    private final boolean dryRun;

    public UpdateOperation(CacheRoot root, List<Target> targets, UpdateChecker checker, VerdictStore store,
                           int parallelism, boolean dryRun) {
        this.root = root;
        this.targets = List.copyOf(targets);
        this.checker = checker;
        this.store = store;
        this.parallelism = parallelism;
        this.dryRun = dryRun;
    }

    @Override
    public Message title() {
        return OperationTitles.of("update", targets.size() == 1 ? targets.getFirst().repoId() : root.path());
    }

    /** The repo folder of a target in the cache, or empty when the cache does not hold it. */
    public static Optional<Path> find(Path cacheDir, Target target) {
        Path repo = new HubLayout(cacheDir, target.type(), target.repoId()).repo();
        return Files.isDirectory(repo) ? Optional.of(repo) : Optional.empty();
    }

    @Override
    public List<Result> run(ProgressListener progress, Cancellation cancel) throws OperationException {
        if (checker.offline()) {
            throw new OperationException(UpdateMessages.of("update.error.offline"), null, null);
        }
        var scanner = new CacheScanner(path -> Optional.empty());
        var results = new ArrayList<Result>();
        try {
            for (Target target : targets) {
                Path repoDir = find(root.path(), target).orElseThrow(() -> new OperationException(
                        UpdateMessages.of("update.error.notCached", target.repoId(), root.path()), root.path(), null));
                Repo repo = scanner.scanRepo(root, repoDir).repos().stream().findFirst().orElseThrow(() ->
                        new OperationException(UpdateMessages.of("update.error.notCached", target.repoId(), root.path()),
                                repoDir, null));
                for (var ref : repo.refs().entrySet()) {
                    if (!COMMIT.matcher(ref.getValue()).matches() || COMMIT.matcher(ref.getKey()).matches()) {
                        continue;
                    }
                    cancel.throwIfCancelled();
                    progress.message(UpdateMessages.of("update.progress.checking", repo.repoId(), ref.getKey()));
                    var outcome = checker.outcome(root.path(), repo.type(), repo.repoId(), ref.getKey(), ref.getValue(),
                            true, cancel);
                    if (!outcome.check().isOutdated() || dryRun) {
                        results.add(new Result(outcome.check(), false, 0));
                    } else {
                        results.add(update(outcome, progress, cancel));
                    }
                }
            }
        } finally {
            checker.save();
        }
        return results;
    }

    private Result update(UpdateChecker.Outcome outcome, ProgressListener progress, Cancellation cancel)
            throws OperationException {
        RefCheck check = outcome.check();
        var layout = new HubLayout(root.path(), check.type(), check.repoId());
        List<String> include = outcome.everything() ? List.of() : outcome.wanted().stream().map(UpdateOperation::literal)
                .toList();
        progress.message(UpdateMessages.of("update.progress.fetching", check.repoId(), check.ref(), check.remoteCommit()));
        var request = new DownloadRequest(check.type(), check.repoId(), check.remoteCommit(), include, List.of(),
                root.path(), false);
        DownloadPlan plan = new DownloadOperation(checker.client(), request, parallelism).run(progress, cancel);
        progress.message(UpdateMessages.of("update.progress.verifying", check.repoId(), check.remoteCommit()));
        VerifyReport report = new VerifyOperation(VerifyScope.revision(root, layout.repo(), check.remoteCommit()), store,
                VerifyListener.NONE).run(ProgressListener.NONE, cancel);
        if (report.problemsRemain()) {
            throw new OperationException(UpdateMessages.of("update.error.notVerified", check.repoId(),
                    layout.snapshot(check.remoteCommit()), check.ref(), check.localCommit()),
                    layout.snapshot(check.remoteCommit()), null);
        }
        moveRef(layout, check);
        return new Result(check, true, plan.bytesToFetch());
    }

    /** Moves the ref from the old commit to the new one, unless someone moved it meanwhile. */
    private static void moveRef(HubLayout layout, RefCheck check) throws OperationException {
        Path ref = layout.ref(check.ref());
        try {
            String now = Files.readString(ref, StandardCharsets.UTF_8);
            if (now.equals(check.remoteCommit())) {
                return;
            }
            if (!now.equals(check.localCommit())) {
                throw new OperationException(UpdateMessages.of("update.error.refMoved", check.ref(), check.repoId(),
                        check.localCommit(), now.strip()), ref, null);
            }
            AtomicFiles.writeString(ref, check.remoteCommit());
        } catch (IOException e) {
            throw new OperationException(UpdateMessages.of("update.error.writeRef", ref, IoReasons.of(e)), ref, e);
        }
    }

    /** A pattern that matches exactly {@code path}: fnmatch's special characters each in a set of their own. */
    static String literal(String path) {
        var b = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == '*' || c == '?' || c == '[') {
                b.append('[').append(c).append(']');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
