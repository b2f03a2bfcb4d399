package dev.modelkeeper.core.verify;

import java.nio.file.Path;

/**
 * Receives what a {@link VerifyOperation} finds while it runs, so a window can fill its status column
 * before the run ends. Every call comes from the thread that runs the operation, one at a time.
 */
public interface VerifyListener {

    VerifyListener NONE = new VerifyListener() { };

    /** A problem, as soon as it is known. */
    default void finding(VerifyFinding finding) { }

    /**
     * The verdict on one file, once per file and run. {@code path} is the snapshot entry
     * ({@code <repo>/snapshots/<commit>/<file path>}, as in {@code CachedFile.snapshotPath()}), or the file
     * itself in flat layouts (a torch checkpoint, a ModelScope file). When the scope is a single blob that
     * no snapshot entry uses, it is the blob. A blob used by several entries gives each entry its verdict.
     */
    default void verdict(Path path, Verdict verdict) { }
}
