package dev.modelkeeper.core.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.fs.FileSystemInfo.Hazard;
import dev.modelkeeper.core.migrate.MigrationJournal.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The move's refusals, failures and plan texts are keys and arguments, rendered in the language of whoever
 * shows them: the window's (Simplified Chinese here), not only the system's. The English text is unchanged.
 */
class MigrateMessagesTest {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @TempDir
    Path dir;

    @Test
    void aRefusalRendersInTheLanguageAsked() {
        Path missing = dir.resolve("gone/hub");
        var request = new MigrationRequest(missing, dir.resolve("hdd/hub"), true, false);

        var e = assertThrows(MigrationRefused.class, () -> MigrateOperation.preflight(request, p -> false));

        assertEquals(MigrationRefused.Reason.SOURCE_MISSING, e.reason());
        assertEquals(missing + " does not exist (is its drive plugged in?). Nothing was changed.",
                e.message(Locale.ENGLISH));
        assertEquals(missing + " 不存在（它所在的驱动器插好了吗？）。未做任何更改。", e.message(ZH));
        assertEquals(e.message(ZH), e.reasonMessage().render(ZH));
    }

    @Test
    void aFailureRendersWhereEveryFileIsInTheSameLanguage() throws IOException {
        Path source = Files.createDirectories(dir.resolve("home/hub"));
        Path destination = dir.resolve("hdd/hub");
        var j = MigrationJournal.start(dir.resolve("state"), new MigrationRequest(source, destination, true, true),
                true, false).at(Step.SWITCHED);

        var e = Failures.stopped(j, new IOException("boom"));

        assertTrue(e.message(Locale.ENGLISH).startsWith("The move stopped: boom. Every file is complete in at least "
                + "one place (the cache at " + destination + "; the original set aside at " + j.aside()
                + " waits to be deleted). Run `modelkeeper migrate --resume`"), e.message(Locale.ENGLISH));
        assertTrue(e.message(Locale.ENGLISH).endsWith("the unfinished move's id is " + j.id() + "."));
        assertEquals(e.getMessage(), e.message(Locale.ENGLISH), "the system's language is English in the tests");
        assertTrue(e.message(ZH).startsWith("迁移已停止：boom。每个文件至少在一处是完整的（缓存在 " + destination
                + "；移到一旁的原件位于 " + j.aside() + "，等待删除）。"), e.message(ZH));
    }

    @Test
    void thePlanTellsItsHazardAndWhatAnInterruptionLeavesInTheLanguageAsked() {
        Path to = dir.resolve("tmp/hub");
        var plan = new MigrationPlan(new MigrationRequest(dir.resolve("hub"), to, true, false), 10, 1, true, 100, 100,
                Set.of(Hazard.NETWORK, Hazard.TMPFS));

        assertEquals("Warning: " + to + " is in memory (tmpfs): the cache will vanish at the next restart and every "
                + "model will have to be downloaded again.", plan.hazardWarning());
        assertEquals("警告：" + to + " 位于内存中（tmpfs）：下次重启时缓存会消失，所有模型都得重新下载。",
                plan.hazardMessage().orElseThrow().render(ZH));
        assertTrue(plan.ifInterrupted().startsWith("The move is one rename: the cache is either still at "
                + dir.resolve("hub") + " or already at " + to), plan.ifInterrupted());
        assertTrue(plan.ifInterruptedMessage().render(ZH).startsWith("这次迁移是一次重命名"));
        var normal = new MigrationPlan(plan.request(), 10, 1, false, 100, 90, Set.of());
        assertEquals("", normal.hazardWarning());
        assertTrue(normal.hazardMessage().isEmpty());
    }
}
