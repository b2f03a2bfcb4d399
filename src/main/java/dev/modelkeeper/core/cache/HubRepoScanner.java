package dev.modelkeeper.core.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Scans one {@code models--org--name} folder of a Hugging Face hub cache (spec §3.1). */
final class HubRepoScanner {

    private HubRepoScanner() {
    }

    static Optional<Repo> scan(Path repoDir) {
        String name = repoDir.getFileName().toString();
        int sep = name.indexOf("--");
        if (!Files.isDirectory(repoDir) || sep < 0) {
            return Optional.empty();
        }
        var type = RepoType.fromFolderPrefix(name.substring(0, sep));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String repoId = name.substring(sep + 2).replace("--", "/");
        try {
            return Optional.of(scanRepo(type.get(), repoId, repoDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Repo scanRepo(RepoType type, String repoId, Path repoDir) throws IOException {
        Map<String, String> refs = readRefs(repoDir.resolve("refs"));
        var revisions = new ArrayList<Revision>();
        var findings = new ArrayList<Finding>();
        Map<Path, CachedFile> blobs = new HashMap<>();
        Path snapshots = repoDir.resolve("snapshots");
        if (Files.isDirectory(snapshots)) {
            try (var dirs = Files.list(snapshots)) {
                for (Path snap : dirs.sorted().toList()) {
                    String commit = snap.getFileName().toString();
                    var refNames = new TreeSet<String>();
                    refs.forEach((ref, value) -> {
                        if (value.equals(commit)) {
                            refNames.add(ref);
                        }
                    });
                    revisions.add(scanRevision(commit, snap, refNames, blobs, findings));
                }
            }
        }
        long size = blobs.values().stream().mapToLong(CachedFile::size).sum();
        long allocated = blobs.values().stream().mapToLong(CachedFile::allocated).sum();
        var attrs = Files.readAttributes(repoDir, BasicFileAttributes.class);
        Instant accessed = blobs.values().stream().map(CachedFile::lastAccessed).max(Instant::compareTo)
                .orElse(attrs.lastAccessTime().toInstant());
        Instant modified = blobs.values().stream().map(CachedFile::lastModified).max(Instant::compareTo)
                .orElse(attrs.lastModifiedTime().toInstant());
        return new Repo(type, repoId, repoDir, CacheKind.HF_HUB, refs, revisions, blobs.size(), size, allocated,
                accessed, modified, findings);
    }

    private static Revision scanRevision(String commit, Path snap, TreeSet<String> refNames,
                                         Map<Path, CachedFile> repoBlobs, List<Finding> findings) throws IOException {
        var files = new ArrayList<CachedFile>();
        var seen = new HashSet<Path>();
        long size = 0;
        long allocated = 0;
        try (var walk = Files.walk(snap)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                var file = scanFile(snap, p);
                files.add(file);
                repoBlobs.putIfAbsent(file.blobPath(), file);
                if (seen.add(file.blobPath())) {
                    size += file.size();
                    allocated += file.allocated();
                }
            }
        }
        Instant modified = files.stream().map(CachedFile::lastModified).max(Instant::compareTo)
                .orElse(Files.getLastModifiedTime(snap).toInstant());
        return new Revision(commit, snap, refNames, files, size, allocated, modified);
    }

    private static CachedFile scanFile(Path snap, Path p) throws IOException {
        boolean link = Files.isSymbolicLink(p);
        Path blob = link ? p.getParent().resolve(Files.readSymbolicLink(p)).normalize() : p;
        var attrs = Files.readAttributes(p, BasicFileAttributes.class);
        String rel = snap.relativize(p).toString().replace('\\', '/');
        return new CachedFile(p.getFileName().toString(), rel, p, blob,
                link ? CachedFile.Storage.LINK : CachedFile.Storage.COPY,
                attrs.size(), attrs.size(), attrs.lastAccessTime().toInstant(), attrs.lastModifiedTime().toInstant());
    }

    private static Map<String, String> readRefs(Path refsDir) throws IOException {
        var refs = new TreeMap<String, String>();
        if (!Files.isDirectory(refsDir, LinkOption.NOFOLLOW_LINKS)) {
            return refs;
        }
        try (var walk = Files.walk(refsDir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                refs.put(refsDir.relativize(p).toString().replace('\\', '/'),
                        Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return refs;
    }
}
