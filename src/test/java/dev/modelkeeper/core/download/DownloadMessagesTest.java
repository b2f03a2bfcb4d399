package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download or repair failure is a key and arguments, rendered in the language of whoever shows it: the
 * window's language (Simplified Chinese here), while {@code getMessage()} keeps the English sentence the
 * command line and the logs have always had.
 */
class DownloadMessagesTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskRendersInTheLanguageAsked() {
        Path partial = dir.resolve("blobs/abc.incomplete");
        var e = PartialFiles.diskError(new PartialFiles.WriteFailed(new IOException("No space left on device")), partial);

        assertEquals("Could not write " + partial + ": the disk is full. The download stopped; what was fetched "
                + "is kept and resumes next time, and nothing else in the cache changed. Free some space (or check the "
                + "folder's permissions) and try again.", e.message(Locale.ENGLISH));
        String zh = e.message(Locale.SIMPLIFIED_CHINESE);
        assertTrue(zh.startsWith("无法写入 " + partial + "：磁盘已满。下载已停止"), zh);
        assertEquals(partial, e.path().orElseThrow());
    }

    @Test
    void notEnoughSpaceBeforeADownloadRendersInTheLanguageAsked() {
        var e = assertThrows(OperationException.class, () -> DiskSpace.require(dir, Long.MAX_VALUE / 4));

        String en = e.message(Locale.ENGLISH);
        String zh = e.message(Locale.SIMPLIFIED_CHINESE);
        assertTrue(en.startsWith("Not enough free space in " + dir + ": the files need "), en);
        assertTrue(en.endsWith("Nothing was downloaded. Free some space or choose another cache folder."), en);
        assertTrue(zh.startsWith(dir + " 的可用空间不足：这些文件需要 "), zh);
        assertTrue(zh.endsWith("请释放一些空间或选择其他缓存文件夹。"), zh);
    }

    @Test
    void byteCountsAreWrittenAsPlainNumbersInEveryLanguage() {
        var m = new Message(DownloadMessages.BUNDLE, "download.error.checksum", "0123abcd", 1234567L, 2345678L);

        assertEquals("The downloaded file 0123abcd did not match its checksum (1234567 of 2345678 bytes); it was "
                + "discarded and nothing in the cache changed. Try again.", m.render(Locale.ENGLISH));
        assertTrue(m.render(Locale.SIMPLIFIED_CHINESE).contains("（1234567 / 2345678 字节）"),
                m.render(Locale.SIMPLIFIED_CHINESE));
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    /** The same check BundlesTest makes for the other bundles. */
    @Test
    void everyKeyIsInBothLanguagesWithTheSamePlaceholders() throws IOException {
        var en = load("messages.properties");
        var zh = load("messages_zh_CN.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            assertEquals(placeholders(en.getProperty(key)), placeholders(zh.getProperty(key)), key);
        }
    }

    private static Properties load(String name) throws IOException {
        var p = new Properties();
        Path file = Path.of("src/main/resources/dev/modelkeeper/core/download").resolve(name);
        try (var r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static TreeSet<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }
}
