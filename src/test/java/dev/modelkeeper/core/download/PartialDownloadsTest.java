package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialDownloadsTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path cache;

    @Test
    void countsSingleStreamBytesAndWhatARangeJournalRecordsNotTheSparseLength() throws Exception {
        var layout = new HubLayout(cache, RepoType.MODEL, "org/name");
        Files.createDirectories(layout.repo().resolve("blobs"));
        Files.write(layout.incomplete(A), new byte[1000]);
        Files.write(layout.parts(B), new byte[5000]);
        var journal = RangeJournal.empty(layout.partsJournal(B), B, 8000);
        journal.add(0, 1500);
        journal.add(4000, 5000);
        journal.save();

        assertEquals(1000 + 2500, PartialDownloads.fetchedBytes(layout.repo()));
    }

    @Test
    void deletingRemovesOnlyPartialFilesAndARepoFolderLeftWithNothing() throws Exception {
        var kept = new HubLayout(cache, RepoType.MODEL, "org/kept");
        Files.createDirectories(kept.repo().resolve("blobs"));
        Files.write(kept.blob(A), new byte[10]);
        Files.write(kept.incomplete(B), new byte[10]);
        var empty = new HubLayout(cache, RepoType.MODEL, "org/empty");
        Files.createDirectories(empty.repo().resolve("blobs"));
        Files.createDirectories(empty.repo().resolve("refs"));
        Files.writeString(empty.ref("main"), "c".repeat(40));
        Files.write(empty.parts(B), new byte[10]);
        Files.writeString(empty.partsJournal(B), "{}");

        assertTrue(PartialDownloads.delete(kept).isEmpty());
        assertTrue(PartialDownloads.delete(empty).isEmpty());

        assertTrue(Files.exists(kept.blob(A)));
        assertFalse(Files.exists(kept.incomplete(B)));
        assertFalse(Files.exists(empty.repo()), "nothing was left in it");
    }
}
