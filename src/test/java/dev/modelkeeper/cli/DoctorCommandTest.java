package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.health.Machine;
import dev.modelkeeper.core.health.Machines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DoctorCommandTest {

    @TempDir
    Path home;

    private record Run(int code, String out) {
    }

    private Run run(Map<String, String> vars, Machine machine, Locale locale, String... args) {
        var out = new ByteArrayOutputStream();
        var nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        var texts = new CliTexts(locale);
        var env = new Environment(vars, home, Environment.Os.LINUX);
        var cli = new CliContext(env, texts, new PrintStream(out, true, StandardCharsets.UTF_8), nowhere,
                new CommandRunner(texts, nowhere, false));
        int code = new CommandLine(new DoctorCommand(cli, s -> machine), new CliFactory(texts))
                .setResourceBundle(texts.bundle()).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    /** The root's mount is a tmpfs: every cache here is a problem. */
    private Machine onTmpfs() throws Exception {
        return Machines.withMounts(Machines.bare(), "22 1 0:32 / / rw - tmpfs tmpfs rw");
    }

    @Test
    void nothingWrongIsExitCodeZero() {
        var r = run(Map.of(), Machines.bare(), Locale.ENGLISH);

        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().startsWith("[info] No cache variable is set: the hub cache is "), r.out());
        assertTrue(r.out().endsWith("No problems found: nothing here makes a program download again.\n"), r.out());
    }

    @Test
    void aProblemIsAParagraphWithItsFixAndExitCodeFive() throws Exception {
        var r = run(Map.of(), onTmpfs(), Locale.ENGLISH);

        assertEquals(5, r.code(), r.out());
        String cache = home.resolve(".cache/huggingface/hub").toString();
        assertTrue(r.out().contains("\n\n[warning] " + cache + " is on tmpfs, in memory: it is emptied at every reboot,"
                + " and the models are downloaded again after it.\nFix: Move the cache to a disk: modelkeeper migrate "
                + cache + " /data/hf-cache"), r.out());
        assertTrue(r.out().endsWith("1 problem found (exit code 5).\n"), r.out());
    }

    @Test
    void chineseTextsAreChinese() throws Exception {
        var r = run(Map.of(), onTmpfs(), Locale.SIMPLIFIED_CHINESE);

        assertTrue(r.out().contains("[警告] "), r.out());
        assertTrue(r.out().contains("处理：把缓存移到磁盘上"), r.out());
    }

    @Test
    void jsonListsEveryFindingWithCodeSeverityAndSafeFix() throws Exception {
        Files.createDirectories(home.resolve(".cache/huggingface/hub"));
        var r = run(Map.of("HF_HUB_OFFLINE", "1"), onTmpfs(), Locale.ENGLISH, "--json");

        assertEquals(5, r.code(), r.out());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(1, doc.get("problems").asInt());
        JsonNode tmpfs = doc.get("findings").get(1);
        assertEquals("storage", tmpfs.get("check").asText());
        assertEquals("warning", tmpfs.get("severity").asText());
        assertEquals("storage.tmpfs", tmpfs.get("code").asText());
        assertTrue(tmpfs.get("fix").asText().startsWith("Move the cache to a disk"));
        assertEquals(false, tmpfs.get("safe_fix").asBoolean());
        assertEquals(home.resolve(".cache/huggingface/hub").toString(), tmpfs.get("path").asText());
    }
}
