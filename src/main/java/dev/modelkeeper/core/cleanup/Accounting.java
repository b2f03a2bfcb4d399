package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.task.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts what removing a set of files frees: an inode only when its last link goes (a blob hard-linked into
 * another repo, or by a deduplication, frees nothing while the other link stays), each inode once.
 */
final class Accounting {

    private record Inode(Object dev, Object ino) {
    }

    private final Map<Path, Long> sizes = new LinkedHashMap<>();

    /** A file whose removal may free {@code size} bytes. */
    void add(Path file, long size) {
        sizes.putIfAbsent(file, size);
    }

    /** Bytes each file frees; the files whose data another hard link keeps go to {@code kept}. */
    Map<Path, Long> freed(List<CleanupPlan.Kept> kept) {
        var groups = new LinkedHashMap<Inode, List<Path>>();
        var links = new HashMap<Inode, Integer>();
        var result = new HashMap<Path, Long>();
        for (var e : sizes.entrySet()) {
            if (Files.isDirectory(e.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                result.put(e.getKey(), e.getValue()); // a folder's link count is its sub-folders, not other names
                continue;
            }
            try {
                Map<String, Object> a = Files.readAttributes(e.getKey(), "unix:dev,ino,nlink", LinkOption.NOFOLLOW_LINKS);
                var inode = new Inode(a.get("dev"), a.get("ino"));
                groups.computeIfAbsent(inode, i -> new ArrayList<>()).add(e.getKey());
                links.put(inode, ((Number) a.get("nlink")).intValue());
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException notUnix) {
                result.put(e.getKey(), e.getValue()); // no inode facts: count it, as the official client does
            }
        }
        groups.forEach((inode, paths) -> {
            boolean lastLinkGoes = paths.size() >= links.get(inode);
            for (int i = 0; i < paths.size(); i++) {
                Path p = paths.get(i);
                result.put(p, lastLinkGoes && i == 0 ? sizes.get(p) : 0L);
                if (!lastLinkGoes) {
                    kept.add(new CleanupPlan.Kept(p, sizes.get(p), CleanupMessages.of("cleanup.kept.hardLink",
                            links.get(inode) - paths.size())));
                }
            }
        });
        return result;
    }

    static Message keptBy(String usedBy) {
        return CleanupMessages.of("cleanup.kept.revision", usedBy);
    }
}
