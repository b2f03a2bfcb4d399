package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeJournalTest {

    @TempDir
    Path dir;

    @Test
    void mergesRangesAndListsWhatIsMissingInPieces() {
        var j = RangeJournal.empty(dir.resolve("j.json"), "e", 100);
        j.add(10, 20);
        j.add(30, 40);
        j.add(20, 30); // bridges both
        j.add(0, 5);
        assertEquals(5, j.frontier());
        assertEquals(35, j.doneBytes());
        var missing = j.missing(25);
        assertEquals(4, missing.size());
        assertArrayEquals(new long[] {5, 10}, missing.get(0));
        assertArrayEquals(new long[] {40, 65}, missing.get(1));
        assertArrayEquals(new long[] {65, 90}, missing.get(2));
        assertArrayEquals(new long[] {90, 100}, missing.get(3));
        j.add(5, 100);
        assertTrue(j.complete());
        assertTrue(j.missing(25).isEmpty());
    }

    @Test
    void survivesASaveAndIgnoresAJournalForAnotherBlob() throws Exception {
        Path file = dir.resolve("j.json");
        var j = RangeJournal.empty(file, "e", 100);
        j.add(0, 50);
        j.add(60, 70);
        j.save();
        var again = RangeJournal.load(file, "e", 100);
        assertEquals(60, again.doneBytes());
        assertEquals(50, again.frontier());
        assertEquals(0, RangeJournal.load(file, "other", 100).doneBytes());
        assertEquals(0, RangeJournal.load(file, "e", 99).doneBytes());
        Files.writeString(file, "{not json");
        assertEquals(0, RangeJournal.load(file, "e", 100).doneBytes());
        assertFalse(RangeJournal.load(dir.resolve("none.json"), "e", 100).complete());
    }
}
