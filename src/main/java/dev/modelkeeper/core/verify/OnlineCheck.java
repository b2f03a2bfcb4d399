package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.HashAlgorithm;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import dev.modelkeeper.core.verify.VerifyFinding.RepoRef;
import java.util.List;
import java.util.Optional;

/**
 * Asks the Hub for each revision's files, like {@code hf cache verify}. A revision the Hub cannot list
 * becomes a finding and is checked offline instead; once the network itself has failed, the remaining
 * revisions are not asked again (each attempt would wait through every retry).
 */
final class OnlineCheck {

    private final Optional<HubClient> hub;
    private HubException unreachable;

    OnlineCheck(Optional<HubClient> hub) {
        this.hub = hub;
    }

    static OnlineCheck offline() {
        return new OnlineCheck(Optional.empty());
    }

    /** The Hub's listing of the revision, or empty when offline or when the Hub could not answer. */
    Optional<Listing> listing(RepoRef repo, Revision rev, Tally tally, Cancellation cancel) throws CancelledException {
        if (hub.isEmpty()) {
            return Optional.empty();
        }
        if (HashAlgorithm.forEtag(rev.commitHash()) != HashAlgorithm.GIT_SHA1) {
            // a folder named "main" would be compared with whatever main is today
            return failed(repo, rev, "the snapshot folder name is not a commit hash", tally);
        }
        if (unreachable != null) {
            return failed(repo, rev, unreachable.getMessage(), tally);
        }
        try {
            return Optional.of(Listing.of(hub.get().listTree(repo.type(), repo.repoId(), rev.commitHash(), cancel)));
        } catch (HubException e) {
            if (e.isRetryable()) {
                unreachable = e;
            }
            return failed(repo, rev, e.getMessage(), tally);
        }
    }

    private static Optional<Listing> failed(RepoRef repo, Revision rev, String why, Tally tally) {
        tally.finding(new VerifyFinding(Finding.of(FindingKind.HUB_CHECK_FAILED, rev.snapshotPath(), why),
                Optional.of(repo), List.of(new FileRef(rev.commitHash(), "")), null, -1));
        return Optional.empty();
    }
}
