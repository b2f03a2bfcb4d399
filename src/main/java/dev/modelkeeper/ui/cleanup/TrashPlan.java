package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cleanup.CleanupPlan;
import dev.modelkeeper.core.cleanup.CleanupPlan.Kind;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** A plan as it goes to the trash: so that what the trash holds can be restored and works again. */
final class TrashPlan {

    private TrashPlan() {
    }

    /**
     * The plan with every removal inside a removed repo folder dropped but the folder itself (one rename takes
     * the repo out of the cache at once and the trash holds one item per repo), and without the shared-store
     * payloads, which the trashed blobs still link to.
     */
    static CleanupPlan of(CleanupPlan plan) {
        Set<Path> whole = plan.of(Kind.REPO).stream().map(CleanupPlan.Removal::path).collect(Collectors.toSet());
        var removals = plan.removals().stream().filter(r -> r.kind() != Kind.SHARED_PAYLOAD)
                .filter(r -> r.kind() == Kind.REPO || r.repoPath() == null || !whole.contains(r.repoPath())).toList();
        return new CleanupPlan(removals, plan.keptShared(), plan.refused(), plan.missing());
    }
}
