package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The file-system reads a hub repo scan makes per entry (stat, lstat, readlink, listing). One seam, so that
 * a test can count them: the scan index promises that an unchanged repo costs no per-blob stat.
 */
interface ScanFs {

    Optional<FileStats.Stat> stat(Path path);

    Optional<FileStats.Stat> lstat(Path path);

    Path readLink(Path link) throws IOException;

    /** The entries of a folder, sorted. */
    List<Path> list(Path dir) throws IOException;

    /** The real file system. */
    ScanFs SYSTEM = new ScanFs() {
        @Override
        public Optional<FileStats.Stat> stat(Path path) {
            return FileStats.stat(path);
        }

        @Override
        public Optional<FileStats.Stat> lstat(Path path) {
            return FileStats.lstat(path);
        }

        @Override
        public Path readLink(Path link) throws IOException {
            return Files.readSymbolicLink(link);
        }

        @Override
        public List<Path> list(Path dir) throws IOException {
            return SnapshotReader.sorted(dir);
        }
    };
}
