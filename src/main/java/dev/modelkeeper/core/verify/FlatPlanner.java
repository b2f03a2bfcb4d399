package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.TorchCheckpoints;
import java.util.Optional;

/**
 * Layouts without blob names (torch hub, ModelScope, plain folders): a torch checkpoint whose name
 * carries a hash ({@code resnet18-f37072fd.pth}) is checked by torch.hub's prefix rule; every other
 * file has nothing to be checked against offline and stays unverified.
 */
final class FlatPlanner {

    private final VerifyScope scope;
    private final ContentChecks checks;
    private final Tally tally;

    FlatPlanner(VerifyScope scope, ContentChecks checks, Tally tally) {
        this.scope = scope;
        this.checks = checks;
        this.tally = tally;
    }

    void plan(Repo repo) {
        for (var rev : repo.revisions()) {
            for (CachedFile f : rev.files()) {
                if (scope.includesFile(f.snapshotPath(), null)) {
                    file(repo.type(), f);
                }
            }
        }
    }

    private void file(RepoType type, CachedFile f) {
        String prefix = type == RepoType.TORCH_CHECKPOINT ? TorchCheckpoints.hashPrefix(f.fileName()) : "";
        if (prefix.isEmpty()) {
            tally.verdict(f.snapshotPath(), Verdict.UNVERIFIED);
            return;
        }
        checks.check(f.snapshotPath(), () -> new BlobCheck(f.snapshotPath(), ExpectedDigest.ofTorchPrefix(prefix),
                FindingKind.TORCH_HASH_MISMATCH, Optional.empty(), -1)).use(new BlobCheck.User(f.snapshotPath(), null), -1);
    }
}
