package dev.modelkeeper.core.download;

import dev.modelkeeper.core.fs.IoReasons;
import static dev.modelkeeper.core.download.DownloadMessages.BUNDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.fs.AtomicFiles;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which byte ranges of a blob fetched over several connections are on disk, so that a cancel, a dropped
 * connection or a restart resumes each range where it stopped. Saved as a small JSON file next to the
 * partial data, atomically; ranges are recorded only after their bytes were written. A journal for
 * another blob or size, or one that cannot be read, counts as empty: the download starts over, and the
 * content hash still guards the result.
 */
final class RangeJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String etag;
    private final long size;
    /** start → end (exclusive), non-overlapping, non-adjacent. */
    private final TreeMap<Long, Long> done = new TreeMap<>();

    private RangeJournal(Path file, String etag, long size) {
        this.file = file;
        this.etag = etag;
        this.size = size;
    }

    static RangeJournal empty(Path file, String etag, long size) {
        return new RangeJournal(file, etag, size);
    }

    /** The journal saved at {@code file}, or an empty one if there is none that fits this blob. */
    static RangeJournal load(Path file, String etag, long size) {
        var journal = new RangeJournal(file, etag, size);
        try {
            if (Files.isRegularFile(file)) {
                JsonNode root = JSON.readTree(file.toFile());
                if (etag.equals(root.path("etag").asText()) && root.path("size").asLong(-1) == size) {
                    for (JsonNode r : root.path("done")) {
                        long start = r.path(0).asLong(-1);
                        long end = r.path(1).asLong(-1);
                        if (start >= 0 && end > start && end <= size) {
                            journal.add(start, end);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            journal.done.clear(); // unreadable: start over, nothing is trusted
        }
        return journal;
    }

    /** Records that bytes {@code [start, end)} are written. */
    synchronized void add(long start, long end) {
        if (end <= start) {
            return;
        }
        var before = done.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (var next = done.ceilingEntry(start); next != null && next.getKey() <= end;
             next = done.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            done.remove(next.getKey());
        }
        done.put(start, end);
    }

    /** The end of the range that starts at 0: every byte before it is on disk. */
    synchronized long frontier() {
        var first = done.firstEntry();
        return first != null && first.getKey() == 0 ? first.getValue() : 0;
    }

    synchronized long doneBytes() {
        return done.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).sum();
    }

    synchronized boolean complete() {
        return frontier() == size;
    }

    /** The missing ranges, cut into pieces of at most {@code piece} bytes, in file order. */
    synchronized List<long[]> missing(long piece) {
        var out = new ArrayList<long[]>();
        long at = 0;
        for (Map.Entry<Long, Long> e : done.entrySet()) {
            cut(at, e.getKey(), piece, out);
            at = e.getValue();
        }
        cut(at, size, piece, out);
        return out;
    }

    private static void cut(long from, long to, long piece, List<long[]> out) {
        for (long s = from; s < to; s += piece) {
            out.add(new long[] {s, Math.min(to, s + piece)});
        }
    }

    void save() throws IOException {
        List<long[]> ranges;
        synchronized (this) {
            ranges = done.entrySet().stream().map(e -> new long[] {e.getKey(), e.getValue()}).toList();
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(Map.of("etag", etag, "size", size, "done", ranges)));
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The journal of an earlier run, or a new one (taking over a single-stream partial file if there is one). */
    static RangeJournal openFor(HubLayout layout, String etag, long size) throws IOException {
        Path data = layout.parts(etag);
        Path journalFile = layout.partsJournal(etag);
        PartialFiles.removeUnlessRegular(data);
        PartialFiles.removeUnlessRegular(layout.incomplete(etag));
        if (Files.exists(data) && Files.exists(journalFile)) {
            return RangeJournal.load(journalFile, etag, size);
        }
        var journal = RangeJournal.empty(journalFile, etag, size);
        Path single = layout.incomplete(etag);
        long have = Files.exists(single) ? Files.size(single) : 0;
        Files.deleteIfExists(data);
        if (have > 0 && have <= size) {
            Files.move(single, data); // its bytes run from offset 0: keep them
            journal.add(0, have);
        }
        journal.save();
        return journal;
    }

    /** Keeps the bytes from offset 0 as a single-stream partial file and forgets the rest. */
    static boolean handOverToSingleStream(HubLayout layout, String etag, RangeJournal journal) throws OperationException {
        Path data = layout.parts(etag);
        try {
            long keep = journal.frontier();
            try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
                ch.truncate(keep);
            }
            Files.move(data, layout.incomplete(etag), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            journal.delete();
            return false;
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "download.error.continueSingle", data, IoReasons.of(e)),
                    data, e);
        }
    }
}
