package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.FileStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What one {@code stat} says about a file's content without reading it: if all of this is unchanged,
 * the bytes are taken to be unchanged too (that is the whole bet of the verify memo; {@code --full}
 * re-reads regardless, for silent disk corruption that changes nothing here).
 *
 * @param size    bytes
 * @param mtimeNs modification time, ns since the epoch
 * @param ctimeNs inode change time, ns since the epoch (equals the mtime where the platform has none)
 * @param inode   the inode identity (dev + ino), or a path-based key where the platform has none
 */
public record FileIdentity(long size, long mtimeNs, long ctimeNs, String inode) {

    /** Stats {@code path} following links; empty when it does not exist. */
    public static Optional<FileIdentity> of(Path path) {
        return FileStats.stat(path).map(FileIdentity::of);
    }

    static FileIdentity of(FileStats.Stat st) {
        String inode = st.fileKey() instanceof FileStats.InodeKey k ? k.dev() + ":" + k.ino()
                : String.valueOf(st.fileKey());
        return new FileIdentity(st.size(), nanos(st.lastModified()), nanos(st.lastChanged()), inode);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
