package dev.modelkeeper.core.update;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.task.OperationException;
import java.time.Instant;
import java.util.List;

/**
 * One ref of one cached repo compared with the endpoint.
 *
 * @param type         model, dataset, space ...
 * @param repoId       {@code org/name}
 * @param ref          the ref name in the cache ({@code main}, {@code refs/pr/1})
 * @param localCommit  the commit the cache's ref points at
 * @param remoteCommit the commit the endpoint names now; null when not known (offline, failed)
 * @param state        the verdict
 * @param changes      for an outdated ref: the files added, changed and removed (sorted by path)
 * @param checkedAt    when the endpoint was asked (earlier than now when the answer came from the check cache);
 *                     null when it was not asked
 * @param problem      why the check failed (its sentence in any language); null unless {@link State#FAILED}
 */
public record RefCheck(RepoType type, String repoId, String ref, String localCommit, String remoteCommit, State state,
                       List<FileChange> changes, Instant checkedAt, OperationException problem) {

    /** What the check found. */
    public enum State {
        /** The ref points at the endpoint's commit. */
        UP_TO_DATE,
        /** The endpoint has a newer commit for the ref. */
        OUTDATED,
        /** Not asked: offline mode (HF_HUB_OFFLINE) and no earlier answer within its time. */
        NOT_CHECKED,
        /** The endpoint refused or could not be reached; {@link #problem} says why. */
        FAILED
    }

    public RefCheck {
        changes = List.copyOf(changes);
    }

    public boolean isOutdated() {
        return state == State.OUTDATED;
    }

    /** Bytes an update would fetch: the changed and added files whose blobs are not in the cache yet. */
    public long bytesToFetch() {
        return changes.stream().mapToLong(FileChange::toFetch).sum();
    }

    public long count(FileChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }
}
