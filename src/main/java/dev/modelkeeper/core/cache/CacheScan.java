package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileSystemInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of scanning one cache root.
 *
 * @param root            the root that was scanned
 * @param kind            the layout found there (resolves {@link CacheKind#AUTO})
 * @param state           whether the root could be read at all
 * @param fileSystem      facts about the filesystem it lives on; empty when offline
 * @param repos           repos found, sorted by type and id
 * @param findings        problems at root level (repo-level ones are in {@link Repo#findings()})
 * @param incompleteFiles partial downloads
 * @param sizeOnDisk      apparent bytes, each shared payload and each distinct blob once
 * @param allocatedOnDisk allocated bytes, each inode once
 * @param scannedAt       when the scan finished
 */
public record CacheScan(
        CacheRoot root,
        CacheKind kind,
        State state,
        Optional<FileSystemInfo> fileSystem,
        List<Repo> repos,
        List<Finding> findings,
        List<IncompleteFile> incompleteFiles,
        long sizeOnDisk,
        long allocatedOnDisk,
        Instant scannedAt) {

    /**
     * Whether the root could be read. NOT_CREATED is a default location no program has written to yet;
     * OFFLINE is a configured one that is gone (an unplugged drive, a deleted folder).
     */
    public enum State { ONLINE, OFFLINE, NOT_CREATED, NOT_A_DIRECTORY, UNREADABLE }

    public CacheScan {
        repos = List.copyOf(repos);
        findings = List.copyOf(findings);
        incompleteFiles = List.copyOf(incompleteFiles);
    }

    /** Every finding: root level first, then each repo's. */
    public List<Finding> allFindings() {
        var all = new java.util.ArrayList<>(findings);
        repos.forEach(r -> all.addAll(r.findings()));
        return all;
    }

    public int revisionCount() {
        return repos.stream().mapToInt(r -> r.revisions().size()).sum();
    }

    /** Bytes of unfinished downloads in this cache, which {@code sizeOnDisk} (as the official scan) leaves out. */
    public long partialBytes() {
        return incompleteFiles.stream().mapToLong(IncompleteFile::size).sum();
    }
}
