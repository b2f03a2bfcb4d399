package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cleanup.CleanupPlan;
import dev.modelkeeper.core.cleanup.CleanupPlan.Kind;
import dev.modelkeeper.core.cleanup.DedupePlan;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "Clean up" proposals cut out of one prune plan (made with the unused-for rule, so it holds everything
 * the default prune holds too) and a dedupe plan: each removal belongs to one kind of win, and the plan to
 * run keeps the removals of the chosen kinds in the prune plan's order, which keeps the cache valid at
 * every step. Root-level leftovers (empty folders, lock folders of gone repos, shared payloads, which are
 * swept only when nothing links them) go with any choice.
 */
public final class SafeWins {

    /** One kind of safe win, in the order the view lists them. */
    public enum Win { PARTIAL, ORPHAN_BLOB, DETACHED, DUPLICATES, UNUSED }

    /** How many things and bytes one kind would free. */
    public record Amount(int count, long bytes) {
    }

    private final CleanupPlan prune;
    private final DedupePlan dedupe;
    private final Set<Path> unusedRepos = new HashSet<>();

    public SafeWins(CleanupPlan prune, DedupePlan dedupe) {
        this.prune = prune;
        this.dedupe = dedupe;
        prune.of(Kind.REPO).forEach(r -> unusedRepos.add(r.repoPath()));
    }

    /** The win a removal belongs to, or null for a root-level leftover. */
    Win winOf(CleanupPlan.Removal r) {
        if (r.repoPath() != null && unusedRepos.contains(r.repoPath())) {
            return Win.UNUSED;
        }
        return switch (r.kind()) {
            case PARTIAL -> Win.PARTIAL;
            case ORPHAN_BLOB -> Win.ORPHAN_BLOB;
            case REF, FILE, SNAPSHOT, BLOB, SHARED_PAYLOAD -> Win.DETACHED;
            default -> null;
        };
    }

    /** What each kind holds; kinds with nothing in them are left out. */
    public Map<Win, Amount> amounts() {
        var result = new EnumMap<Win, Amount>(Win.class);
        for (CleanupPlan.Removal r : prune.removals()) {
            Win win = winOf(r);
            boolean counts = win != null && r.kind() != Kind.REF && r.kind() != Kind.BLOB
                    && r.kind() != Kind.SHARED_PAYLOAD && (win != Win.UNUSED || r.kind() == Kind.REPO);
            if (win != null) {
                var was = result.getOrDefault(win, new Amount(0, 0));
                result.put(win, new Amount(was.count() + (counts ? 1 : 0), was.bytes() + r.bytes()));
            }
        }
        if (dedupe.changes() > 0) {
            result.put(Win.DUPLICATES, new Amount(dedupe.changes(), dedupe.bytesSaved()));
        }
        return result;
    }

    /** The prune removals of the chosen kinds, with the leftovers; null when none of them was chosen. */
    public CleanupPlan planFor(Set<Win> chosen) {
        List<CleanupPlan.Removal> removals = prune.removals().stream()
                .filter(r -> winOf(r) == null || chosen.contains(winOf(r))).toList();
        if (removals.stream().noneMatch(r -> winOf(r) != null)) {
            return null;
        }
        return new CleanupPlan(removals, prune.keptShared(), prune.refused(), List.of());
    }

    /** The dedupe plan when duplicates were chosen, else null. */
    public DedupePlan dedupeFor(Set<Win> chosen) {
        return chosen.contains(Win.DUPLICATES) && !dedupe.isEmpty() ? dedupe : null;
    }

    /** Repos the prune left alone (a download writes into them, a program has them open). */
    public List<CleanupPlan.Refusal> refused() {
        return prune.refused();
    }
}
