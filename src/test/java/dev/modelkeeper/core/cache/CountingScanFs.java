package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The real file system, with every stat, lstat, readlink and listing the scanner makes recorded. */
final class CountingScanFs implements ScanFs {

    /** One call: what and on which path. */
    record Call(String op, Path path) {
        boolean onBlob() {
            return (op.equals("stat") || op.equals("lstat")) && path.getParent() != null
                    && path.getParent().getFileName().toString().equals("blobs");
        }
    }

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    @Override
    public Optional<FileStats.Stat> stat(Path path) {
        calls.add(new Call("stat", path));
        return SYSTEM.stat(path);
    }

    @Override
    public Optional<FileStats.Stat> lstat(Path path) {
        calls.add(new Call("lstat", path));
        return SYSTEM.lstat(path);
    }

    @Override
    public Path readLink(Path link) throws IOException {
        calls.add(new Call("readlink", link));
        return SYSTEM.readLink(link);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        calls.add(new Call("list", dir));
        return SYSTEM.list(dir);
    }

    /** Stats of a file directly in a {@code blobs/} folder since the last reset. */
    long blobStats() {
        return calls.stream().filter(Call::onBlob).count();
    }

    /** Blob stats inside one repo folder. */
    long blobStats(Path repoDir) {
        return calls.stream().filter(c -> c.onBlob() && c.path().startsWith(repoDir)).count();
    }

    long readLinks() {
        return calls.stream().filter(c -> c.op().equals("readlink")).count();
    }

    void reset() {
        calls.clear();
    }
}
