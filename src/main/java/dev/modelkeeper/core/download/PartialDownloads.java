package dev.modelkeeper.core.download;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.fs.FileLocks;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What interrupted downloads left in a repo of a hub cache ({@code blobs/<etag>.incomplete}, ranged
 * {@code blobs/<etag>.parts.incomplete} with its {@code .parts.json}): how much of the blobs is already
 * fetched, and removing it when the user gives the download up.
 */
public final class PartialDownloads {

    private static final String SINGLE = ".incomplete";
    private static final String PIECES = ".parts.incomplete";
    private static final String JOURNAL = ".parts.json";

    private PartialDownloads() {
    }


    /**
     * Bytes of blobs already fetched: the length of a single-stream partial file, and for ranged pieces what
     * their journal records (the file itself may be longer, with holes). 0 when nothing is there.
     */
    public static long fetchedBytes(Path repoDir) {
        long sum = 0;
        for (Path p : partials(repoDir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(PIECES)) {
                String etag = name.substring(0, name.length() - PIECES.length());
                Path journal = p.resolveSibling(etag + JOURNAL);
                sum += Files.exists(journal) ? RangeJournal.load(journal, etag, journalSize(journal)).doneBytes()
                        : PartialFiles.size(p);
            } else if (name.endsWith(SINGLE)) {
                sum += PartialFiles.size(p);
            }
        }
        return sum;
    }

    /**
     * Bytes of one blob already fetched by an interrupted download, at most {@code size}: what the ranged
     * journal records when there are pieces, else the length of the single-stream partial file.
     */
    static long fetchedBytes(HubLayout layout, String etag, long size) {
        long have = PartialFiles.size(layout.incomplete(etag));
        if (Files.exists(layout.parts(etag)) && Files.exists(layout.partsJournal(etag))) {
            have = Math.max(have, RangeJournal.load(layout.partsJournal(etag), etag, size).doneBytes());
        }
        return Math.min(have, size);
    }

    /**
     * Deletes the partial files of a repo, each under its blob's {@code .locks} lock so that no running
     * download (of this or another program) loses a file it writes to; those are left and counted.
     * Blobs and snapshot files are never touched; a repo folder left with nothing in it but refs, a tree
     * listing and empty folders (the download never got a file) is removed.
     *
     * @return the files that were in use and stay
     */
    public static List<Path> delete(HubLayout layout) throws IOException {
        var busy = new ArrayList<Path>();
        for (Path p : partials(layout.repo())) {
            String name = p.getFileName().toString();
            String etag = name.substring(0, name.indexOf('.'));
            var lock = FileLocks.tryLock(layout.lock(etag));
            if (lock.isEmpty()) {
                busy.add(p);
                continue;
            }
            try (var held = lock.get()) {
                Files.deleteIfExists(p);
            }
        }
        if (busy.isEmpty()) {
            RepoFolders.removeIfNothingFetched(layout);
        }
        return busy;
    }

    private static List<Path> partials(Path repoDir) {
        var out = new ArrayList<Path>();
        Path blobs = repoDir.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return out;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(blobs)) {
            for (Path p : dir) {
                if (HubLayout.isPartial(p.getFileName().toString())
                        && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return out; // unreadable: nothing to count or remove
        }
        return out;
    }

    /** The blob size a journal was written for (it describes ranges of a blob of that size). */
    private static long journalSize(Path journal) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(journal.toFile()).path("size").asLong(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
