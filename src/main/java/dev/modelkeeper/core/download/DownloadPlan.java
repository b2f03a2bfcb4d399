package dev.modelkeeper.core.download;

import java.nio.file.Path;
import java.util.List;

/**
 * What a download does (or did): every file of the revision that passes the patterns, and for each
 * whether it is already there, only needs a link, or has to be fetched.
 *
 * @param commit   the commit the revision resolved to
 * @param snapshot {@code snapshots/<commit>} in the cache
 * @param files    the files, in repo order
 */
public record DownloadPlan(String commit, Path snapshot, List<Item> files) {

    /** What happens to one file. */
    public enum Action { PRESENT, LINK, FETCH }

    /**
     * One file: its path in the repo, blob name, size and action; {@code partial} bytes of it are already on disk
     * from an interrupted download and will not come over the network again.
     */
    public record Item(String path, String etag, long size, Action action, long partial) {
        public Item(String path, String etag, long size, Action action) {
            this(path, etag, size, action, 0);
        }
    }

    public DownloadPlan {
        files = List.copyOf(files);
    }

    /** Bytes that still have to come over the network (what an interrupted download left is not counted). */
    public long bytesToFetch() {
        return files.stream().filter(f -> f.action() == Action.FETCH).mapToLong(f -> f.size() - f.partial()).sum();
    }

    /** The whole size of the files to fetch, counting what interrupted downloads already left of them. */
    public long bytesOfFilesToFetch() {
        return files.stream().filter(f -> f.action() == Action.FETCH).mapToLong(Item::size).sum();
    }

    public long count(Action action) {
        return files.stream().filter(f -> f.action() == action).count();
    }
}
