package dev.modelkeeper.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class FindingTextsTest {

    @Test
    void everyFindingKindHasAMessageAndARepairInEnglishAndChinese() {
        for (Locale locale : new Locale[] {Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
            var bundle = ResourceBundle.getBundle("dev.modelkeeper.core.findings", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (FindingKind kind : FindingKind.values()) {
                assertTrue(bundle.containsKey("finding." + kind), locale + " finding." + kind);
                assertTrue(bundle.containsKey("repair." + kind), locale + " repair." + kind);
            }
        }
    }

    @Test
    void messagesNameThePathAndDetail() {
        var f = Finding.of(FindingKind.DANGLING_LINK, Path.of("/c/snap/w.bin"), "/c/blobs/abc");
        assertEquals("/c/snap/w.bin points at a file that is missing (/c/blobs/abc).",
                new FindingTexts(Locale.ENGLISH).message(f));
        assertTrue(new FindingTexts(Locale.SIMPLIFIED_CHINESE).message(f).contains("丢失"));
    }
}
