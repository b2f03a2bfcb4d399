package dev.modelkeeper.core.cleanup;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.fs.FileStats;
import dev.modelkeeper.core.fs.HashAlgorithm;
import dev.modelkeeper.core.fs.OpenFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
 * copies on another filesystem, and copies a running process holds, are listed as skipped.
 */
final class DedupePlanner {

    /** A blob file as found: its path, inode and size. */
    private record Found(Path path, FileStats.InodeKey inode, long size) {
    }

    private final OpenFiles open;

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
        return new DedupePlan(links, skipped, leftover);
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

    private static void collect(Path root, Map<String, List<Found>> byEtag, List<Path> leftover) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> repos = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path repo : repos) {
                Path blobs = repo.resolve("blobs");
                if (HubLayout.parseFolderName(repo.getFileName().toString()).isPresent() && Files.isDirectory(blobs)) {
                    collectBlobs(blobs, byEtag, leftover);
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
}
