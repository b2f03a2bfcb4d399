package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Builds a {@link Repo} for layouts without blobs and snapshots (torch, ModelScope, plain folders): one
 * pseudo revision named after what the layout knows (a hash prefix, a ModelScope revision, a ref).
 */
final class FlatRepos {

    private FlatRepos() {
    }

    /** Every regular file under {@code dir} that {@code keep} accepts, sorted. */
    static List<Path> files(Path dir, Predicate<Path> keep) throws IOException {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(keep).sorted().toList();
        }
    }

    static Repo build(RepoType type, String id, Path dir, CacheKind kind, String revision, SortedSet<String> refs,
                      List<Path> paths, List<Finding> findings) {
        Path base = Files.isRegularFile(dir) ? dir.getParent() : dir;
        var files = new ArrayList<CachedFile>();
        var totals = new Totals();
        for (Path p : paths) {
            var st = FileStats.stat(p);
            if (st.isEmpty()) {
                continue;
            }
            var f = new CachedFile(p.getFileName().toString(), base.relativize(p).toString().replace('\\', '/'),
                    p, p, CachedFile.Storage.FLAT, st.get().size(), st.get().allocated(),
                    st.get().lastAccessed(), st.get().lastModified());
            files.add(f);
            totals.add(f, st.get().fileKey());
        }
        var own = FileStats.stat(dir);
        Instant accessed = totals.lastAccessedOr(own.map(FileStats.Stat::lastAccessed).orElse(Instant.EPOCH));
        Instant modified = totals.lastModifiedOr(own.map(FileStats.Stat::lastModified).orElse(Instant.EPOCH));
        var rev = new Revision(revision, dir, refs, files, totals.size(), totals.allocated(), modified);
        Map<String, String> refMap = new java.util.TreeMap<>();
        refs.forEach(r -> refMap.put(r, revision));
        return new Repo(type, id, dir, kind, refMap, List.of(rev), totals.distinctBlobs(), totals.size(),
                totals.allocated(), accessed, modified, findings);
    }

    static SortedSet<String> refs(String... names) {
        return new TreeSet<>(List.of(names));
    }
}
