package dev.modelkeeper.core.migrate;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a folder tree looks like at one instant, from metadata only: every entry by its relative
 * {@link Path} (the bytes the filesystem holds, never a decoded string), with its kind, and for a file
 * its size, modification time and identity (device and inode), for a link its target. Two states of the
 * same tree differ when anything was added, removed, replaced, written to or relinked in between, so a
 * move compares the source with the state it had when its copy was verified before giving it up.
 * Folders' own times are left out: they change when entries do, which is compared anyway.
 */
record TreeState(Map<Path, Entry> entries) {

    record Entry(char kind, long size, FileTime modified, Object fileKey, Path linkTarget) {
    }

    static TreeState of(Path root) throws IOException {
        var out = new HashMap<Path, Entry>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                out.put(root.relativize(dir), new Entry('d', 0, null, null, null));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Entry e = a.isSymbolicLink() ? new Entry('l', 0, null, null, Files.readSymbolicLink(f))
                        : new Entry(a.isRegularFile() ? 'f' : 'o', a.size(), a.lastModifiedTime(), a.fileKey(), null);
                out.put(root.relativize(f), e);
                return FileVisitResult.CONTINUE;
            }
        });
        return new TreeState(Map.copyOf(out));
    }

    /** One entry that differs (added, removed or changed), relative to the root; null when none does. */
    Path firstDifference(TreeState other) {
        for (var e : entries.entrySet()) {
            if (!Objects.equals(e.getValue(), other.entries.get(e.getKey()))) {
                return e.getKey();
            }
        }
        for (Path p : other.entries.keySet()) {
            if (!entries.containsKey(p)) {
                return p;
            }
        }
        return null;
    }
}
