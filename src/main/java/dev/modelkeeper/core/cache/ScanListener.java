package dev.modelkeeper.core.cache;

/**
 * Receives results while a scan runs, so a window can show rows before the scan ends. Called on the
 * scanning thread(s); implementations must be thread-safe.
 */
public interface ScanListener {

    ScanListener NONE = new ScanListener() { };

    /** A repo was fully scanned. */
    default void repo(CacheRoot root, Repo repo) { }

    /** A root-level finding (repo findings travel inside {@link Repo}). */
    default void finding(CacheRoot root, Finding finding) { }
}
