package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cold scan of one repo saw of its folders, for the scan index ({@link ScanIndex}): the identity and
 * times of every folder whose listing the scan depended on, each taken BEFORE the folder was listed (a change
 * after the stamp then shows as a new stamp next time, never as stale contents under a current stamp).
 *
 * <p>A folder's mtime and ctime change only when its DIRECT entries change (created, removed, renamed,
 * replaced). So every nested folder of a snapshot gets its own stamp, and the repo can only be reused
 * when its result depends on nothing else. What it may not depend on, and why the repo then is not indexed:
 * <ul>
 * <li>files rewritten in place (same name, same folder mtime): copy-mode snapshot files; {@code .incomplete}
 *     files, which grow, and whose lock state changes without any mtime, and repair leftovers;</li>
 * <li>anything outside the repo's own {@code blobs/}: links into the 2.0 shared store or elsewhere, a blob that
 *     is itself a link, a snapshot link to a folder;</li>
 * <li>what could not be read, and link loops;</li>
 * <li>a folder changed within the racy window before the scan started: file system clocks are coarse, so a
 *     second change in the same tick would keep the stamp (git's "racy clean" problem).</li>
 * </ul>
 * Blobs themselves are immutable by name: the official client, our downloads and our repairs only ever put a
 * new blob in place by a rename (which changes {@code blobs/}'s mtime), never by writing into the named file.
 * So an unchanged {@code blobs/} folder means unchanged blobs, and their sizes and times are taken from the
 * index without a stat each. (A tool that truncates or rewrites a blob in place is caught by verify, not by scan;
 * blob access times, which reading a model updates, are those of the repo's last full look, at most
 * {@link ScanIndex#MAX_AGE} old.)
 */
final class RepoStamps {

    /** One folder: its path relative to the repo folder ('/'-separated, "" for the repo folder), identity and times. */
    record Stamp(String rel, long dev, long ino, Instant modified, Instant changed) {

        boolean matches(FileStats.Stat st) {
            return st.directory() && st.fileKey() instanceof FileStats.InodeKey key && key.dev() == dev
                    && key.ino() == ino && st.lastModified().equals(modified) && st.lastChanged().equals(changed);
        }
    }

    private final Path repoDir;
    private final Instant racyAfter;
    private final List<Stamp> stamps = new ArrayList<>();
    private boolean indexable = true;

    /** @param racyAfter folders changed after this instant are too recent to be trusted */
    RepoStamps(Path repoDir, Instant racyAfter) {
        this.repoDir = repoDir;
        this.racyAfter = racyAfter;
    }

    /** Stamps a folder; call before listing it. */
    synchronized void folder(Path dir, FileStats.Stat st) {
        if (!st.directory() || !(st.fileKey() instanceof FileStats.InodeKey key) || !dir.startsWith(repoDir)
                || st.lastModified().isAfter(racyAfter) || st.lastChanged().isAfter(racyAfter)) {
            indexable = false;
            return;
        }
        String rel = repoDir.relativize(dir).toString().replace('\\', '/');
        stamps.add(new Stamp(rel, key.dev(), key.ino(), st.lastModified(), st.lastChanged()));
    }

    /** The repo's result depends on something the stamps do not cover: do not index it. */
    synchronized void notIndexable() {
        indexable = false;
    }

    synchronized boolean indexable() {
        return indexable;
    }

    synchronized List<Stamp> stamps() {
        return List.copyOf(stamps);
    }

    /** Stamps that record nothing and never allow indexing (a scan without an index). */
    static RepoStamps none(Path repoDir) {
        var s = new RepoStamps(repoDir, Instant.MIN);
        s.notIndexable();
        return s;
    }
}
