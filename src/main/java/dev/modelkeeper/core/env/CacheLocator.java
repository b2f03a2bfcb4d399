package dev.modelkeeper.core.env;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds every cache root on this machine: from the environment, the official defaults, and settings. */
public final class CacheLocator {

    private final Environment env;

    public CacheLocator(Environment env) {
        this.env = env;
    }

    /** The roots to show, in display order, without duplicates. User roots come last. */
    public List<CacheRoot> discover(List<Path> userRoots) {
        var roots = new ArrayList<CacheRoot>();
        roots.add(new CacheRoot(env.home().resolve(".cache/huggingface/hub"), CacheKind.HF_HUB,
                CacheRoot.Origin.DEFAULT, null));
        userRoots.forEach(p -> roots.add(CacheRoot.user(p)));
        return roots;
    }
}
