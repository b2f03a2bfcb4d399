package dev.modelkeeper.core.cache;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One cache location on this machine and how we learnt about it.
 *
 * @param path     absolute path as configured (not resolved through symlinks, so a linked cache keeps its name)
 * @param kind     layout of the cache
 * @param origin   where the path came from
 * @param variable the environment variable that set it ({@code HF_HUB_CACHE} ...), or null
 */
public record CacheRoot(Path path, CacheKind kind, Origin origin, String variable) {

    /** Where a root came from. */
    public enum Origin {
        /** Set by an environment variable. */
        ENVIRONMENT,
        /** The official client's default location. */
        DEFAULT,
        /** Added by the user and kept in settings. */
        USER
    }

    public CacheRoot {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        path = path.toAbsolutePath().normalize();
    }

    public static CacheRoot user(Path path) {
        return new CacheRoot(path, CacheKind.AUTO, Origin.USER, null);
    }

    /** Only the scannable layouts hold models; xet and assets caches are counted by size. */
    public boolean holdsModels() {
        return kind != CacheKind.HF_XET && kind != CacheKind.HF_ASSETS;
    }
}
