package dev.modelkeeper.ui.team;

import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.team.StoreListing;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The revisions the team store held at its last listing, by type, repo and commit (and the refs naming them).
 * Changed on the FX thread only; {@link #versionProperty()} moves with every change so cells redraw. The download
 * queue asks {@link #holds} from its own thread: the sets are replaced whole, never changed in place.
 */
public final class TeamHoldings {

    private volatile Set<String> commits = Set.of();
    private volatile Map<String, String> refs = Map.of();
    private volatile String address = "";
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();

    void set(StoreListing listing) {
        commits = listing.repos().stream().flatMap(r -> r.revisions().stream()
                .map(v -> key(r.type(), r.repoId(), v.commit()))).collect(Collectors.toUnmodifiableSet());
        refs = listing.repos().stream().flatMap(r -> r.refs().entrySet().stream()
                .map(e -> Map.entry(key(r.type(), r.repoId(), e.getKey()), e.getValue())))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        address = listing.address();
        version.set(version.get() + 1);
    }

    void clear() {
        commits = Set.of();
        refs = Map.of();
        address = "";
        version.set(version.get() + 1);
    }

    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** The store's address ({@code s3://…}) of the last listing, "" when none. */
    public String address() {
        return address;
    }

    /** Whether the store holds {@code revision} (a commit, or a ref the store names) of the repo. */
    public boolean holds(RepoType type, String repoId, String revision) {
        if (commits.contains(key(type, repoId, revision))) {
            return true;
        }
        String commit = refs.get(key(type, repoId, revision));
        return commit != null && commits.contains(key(type, repoId, commit));
    }

    /** Whether the store holds any revision of the repo that is in the cache. */
    public boolean holdsAny(Repo repo) {
        return repo.revisions().stream().anyMatch(r -> holds(repo.type(), repo.repoId(), r.commitHash()));
    }

    private static String key(RepoType type, String repoId, String revision) {
        return type.id() + "/" + repoId + "@" + revision;
    }
}
