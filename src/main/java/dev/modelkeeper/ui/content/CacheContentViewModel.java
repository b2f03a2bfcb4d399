package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Repo;

/**
 * State of the centre of the window: the repo -> revision -> file tree of the selected root(s), its
 * filter, the details of the selection and the usage view. All methods are called on the FX thread.
 */
public final class CacheContentViewModel {

    private final PathActions pathActions;

    public CacheContentViewModel(PathActions pathActions) {
        this.pathActions = pathActions;
    }

    /** Removes every row (before a full rescan). */
    public void clear() {
    }

    /** Adds one repo that a running scan just found under {@code root}. */
    public void addRepo(CacheRoot root, Repo repo) {
    }

    /** Replaces all rows of {@code scan.root()} with the finished scan's repos. */
    public void setScan(CacheScan scan) {
    }

    /** Shows only the repos of {@code root}; null shows every root. */
    public void showRoot(CacheRoot root) {
    }

    public PathActions pathActions() {
        return pathActions;
    }
}
