package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.fs.ContentHash;
import dev.modelkeeper.core.fs.FileStats;
import dev.modelkeeper.core.fs.HashAlgorithm;
import dev.modelkeeper.core.fs.OpenFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds blobs that several hub cache roots hold as separate files. A blob's name is its content hash, so
 * equal names promise equal payloads (the run confirms it by hashing both before linking). Within one
 * filesystem, the inode most names already share is kept and every other copy is planned as a link of it;
 * copies on another filesystem, and copies a running process holds, are listed as skipped. Within one repo,
 * a snapshot entry that is a regular file (copy mode) the size of one of the repo's blobs is planned to become
 * the usual symlink to it, where that folder takes symlinks (tried once per repo with a probe link).
 */
final class DedupePlanner {

    /** A blob file as found: its path, inode and size. */
    private record Found(Path path, FileStats.InodeKey inode, long size) {
    }

    /** The probe link tried in a repo folder before planning relinks there; removed at once. */
    static final String PROBE = ".modelkeeper-symlink-probe" + Dedupe.TEMP_SUFFIX;

    private final OpenFiles open;
    private final List<DedupePlan.Relink> relinks = new ArrayList<>();
    private final List<DedupePlan.Skip> relinkSkips = new ArrayList<>();

    DedupePlanner(OpenFiles open) {
        this.open = open;
    }

    DedupePlan plan(List<Path> roots) throws IOException {
        var byEtag = new LinkedHashMap<String, List<Found>>();
        var leftover = new ArrayList<Path>();
        for (Path root : roots) {
            collect(root.toAbsolutePath().normalize(), byEtag, leftover);
        }
        var links = new ArrayList<DedupePlan.Link>();
        var skipped = new ArrayList<DedupePlan.Skip>();
        byEtag.forEach((etag, copies) -> {
            if (copies.size() > 1) {
                planBlob(etag, copies, links, skipped);
            }
        });
        links.sort(Comparator.comparingLong(DedupePlan.Link::size).reversed());
        relinks.sort(Comparator.comparingLong(DedupePlan.Relink::size).reversed());
        skipped.addAll(relinkSkips);
        return new DedupePlan(links, relinks, skipped, leftover);
    }

    private void planBlob(String etag, List<Found> copies, List<DedupePlan.Link> links, List<DedupePlan.Skip> skipped) {
        Map<Long, List<Found>> byDevice = copies.stream()
                .collect(Collectors.groupingBy(f -> f.inode().dev(), LinkedHashMap::new, Collectors.toList()));
        for (List<Found> local : byDevice.values()) {
            Found keep = mostShared(local);
            for (Found copy : local) {
                if (copy.inode().equals(keep.inode())) {
                    continue; // already one file
                }
                var holders = open.holders(copy.path());
                if (!holders.isEmpty()) {
                    skipped.add(new DedupePlan.Skip(copy.path(), DedupePlan.Reason.IN_USE,
                            DedupeMessages.of("skip.IN_USE", copy.path(), holders.get(0).toString())));
                } else if (copy.size() != keep.size()) {
                    skipped.add(new DedupePlan.Skip(copy.path(), DedupePlan.Reason.CORRUPT,
                            DedupeMessages.of("skip.CORRUPT", copy.size() < keep.size() ? copy.path() : keep.path())));
                } else {
                    links.add(new DedupePlan.Link(keep.path(), copy.path(), etag, copy.size()));
                }
            }
            if (byDevice.size() > 1 && local.stream().map(Found::inode).distinct().count() == 1) {
                Path elsewhere = copies.stream().filter(f -> f.inode().dev() != keep.inode().dev()).findFirst()
                        .orElseThrow().path();
                skipped.add(new DedupePlan.Skip(keep.path(), DedupePlan.Reason.OTHER_FILESYSTEM,
                        DedupeMessages.of("skip.OTHER_FILESYSTEM", keep.path(), elsewhere)));
            }
        }
    }

    /** The copy whose inode the most names share already (so a third copy joins the pair), else the first. */
    private static Found mostShared(List<Found> local) {
        Map<FileStats.InodeKey, Long> names = local.stream()
                .collect(Collectors.groupingBy(Found::inode, Collectors.counting()));
        long most = names.values().stream().mapToLong(Long::longValue).max().orElse(1);
        return local.stream().filter(f -> names.get(f.inode()) == most).findFirst().orElseThrow();
    }

    private void collect(Path root, Map<String, List<Found>> byEtag, List<Path> leftover) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> repos = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path repo : repos) {
                Path blobs = repo.resolve("blobs");
                if (HubLayout.parseFolderName(repo.getFileName().toString()).isEmpty()) {
                    continue;
                }
                var repoBlobs = new LinkedHashMap<String, List<Found>>();
                if (Files.isDirectory(blobs)) {
                    collectBlobs(blobs, repoBlobs, leftover);
                }
                repoBlobs.forEach((etag, found) -> byEtag.computeIfAbsent(etag, n -> new ArrayList<>()).addAll(found));
                Path snapshots = repo.resolve("snapshots");
                if (Files.isDirectory(snapshots, LinkOption.NOFOLLOW_LINKS)) {
                    planRelinks(repo, snapshots, repoBlobs, leftover);
                }
            }
        }
    }

    private static void collectBlobs(Path blobs, Map<String, List<Found>> byEtag, List<Path> leftover)
            throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(Dedupe.TEMP_SUFFIX)) {
                    leftover.add(file);
                    continue;
                }
                var stat = FileStats.lstat(file);
                if (HashAlgorithm.forEtag(name) != null && stat.isPresent() && stat.get().regularFile()
                        && stat.get().fileKey() instanceof FileStats.InodeKey key) {
                    byEtag.computeIfAbsent(name, n -> new ArrayList<>()).add(new Found(file, key, stat.get().size()));
                }
            }
        }
    }

    /**
     * The copy-mode files of one repo: each regular file in a snapshot whose size one of the repo's blobs has
     * (when several do, the file is hashed to tell which) becomes a relink, unless a process holds it or the
     * folder takes no symlinks; a copy with no such blob is listed as left alone.
     */
    private void planRelinks(Path repo, Path snapshots, Map<String, List<Found>> blobs, List<Path> leftover)
            throws IOException {
        Map<Long, List<String>> bySize = new LinkedHashMap<>();
        blobs.forEach((etag, found) -> bySize.computeIfAbsent(found.get(0).size(), n -> new ArrayList<>()).add(etag));
        var candidates = new ArrayList<DedupePlan.Relink>();
        List<Path> files;
        try (var walk = Files.walk(snapshots)) {
            files = walk.filter(f -> !f.equals(snapshots)).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (Files.isSymbolicLink(file)) {
                if (name.endsWith(Dedupe.TEMP_SUFFIX)
                        && Files.exists(file.resolveSibling(name.substring(0, name.length() - Dedupe.TEMP_SUFFIX.length())),
                        LinkOption.NOFOLLOW_LINKS)) {
                    leftover.add(file); // a killed run's temporary symlink beside the copy it was to replace
                }
                continue;
            }
            var stat = FileStats.lstat(file);
            if (stat.isEmpty() || !stat.get().regularFile()) {
                continue;
            }
            long size = stat.get().size();
            String etag = matching(file, size, bySize.getOrDefault(size, List.of()));
            if (etag == null) {
                relinkSkips.add(new DedupePlan.Skip(file, DedupePlan.Reason.NO_BLOB,
                        DedupeMessages.of("skip.NO_BLOB", file)));
                continue;
            }
            var holders = open.holders(file);
            if (!holders.isEmpty()) {
                relinkSkips.add(new DedupePlan.Skip(file, DedupePlan.Reason.IN_USE,
                        DedupeMessages.of("skip.IN_USE", file, holders.get(0).toString())));
            } else {
                candidates.add(new DedupePlan.Relink(file, repo.resolve("blobs").resolve(etag), etag, size));
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        if (symlinksWork(repo)) {
            relinks.addAll(candidates);
        } else {
            relinkSkips.add(new DedupePlan.Skip(repo, DedupePlan.Reason.NO_SYMLINKS,
                    DedupeMessages.of("skip.NO_SYMLINKS", repo, candidates.size())));
        }
    }

    /** The one same-size blob, or of several the one whose name the file's content hashes to; else null. */
    private static String matching(Path file, long size, List<String> etags) throws IOException {
        if (etags.size() <= 1) {
            return etags.isEmpty() ? null : etags.get(0);
        }
        var hashes = new LinkedHashMap<String, ContentHash>();
        etags.forEach(etag -> hashes.put(etag, ContentHash.forEtag(etag, size)));
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                for (ContentHash hash : hashes.values()) {
                    hash.update(buf, 0, n);
                }
            }
        }
        return hashes.entrySet().stream().filter(e -> e.getValue().matches()).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    /** Whether the repo folder takes a relative symlink: one is made and removed again. */
    private static boolean symlinksWork(Path repo) {
        Path probe = repo.resolve(PROBE);
        try {
            Files.deleteIfExists(probe);
            Files.createSymbolicLink(probe, Path.of("blobs"));
            Files.delete(probe);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
