package dev.modelkeeper.core.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFilesTest {

    @TempDir
    Path dir;

    /** A python3 that opens one file and maps another, says "ready", then waits for its stdin to close. */
    private static Process holder(Path opened, Path mapped) throws Exception {
        String script = "import mmap,sys\n"
                + "f=open(sys.argv[1],'rb')\n"
                + "g=open(sys.argv[2],'rb'); m=mmap.mmap(g.fileno(),0,access=mmap.ACCESS_READ); g.close()\n"
                + "print('ready',flush=True)\n"
                + "sys.stdin.read()\n";
        var p = new ProcessBuilder("python3", "-c", script, opened.toString(), mapped.toString()).start();
        var line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("ready", line, "the holder process started");
        return p;
    }

    @Test
    void findsAFileHeldOpenAndOneMappedByAChildProcessWithItsNameAndPid() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux only");
        Path opened = Files.writeString(dir.resolve("config.json"), "{}");
        Path models = Files.createDirectories(dir.resolve("models"));
        Path mapped = Files.write(models.resolve("model.safetensors"), new byte[8192]);
        Path idle = Files.writeString(dir.resolve("idle.txt"), "x");
        Process p = holder(opened, mapped);
        try {
            var open = OpenFiles.snapshot();

            assertTrue(open.isKnown());
            List<OpenFiles.Holder> holders = open.holders(opened);
            assertEquals(1, holders.size(), holders.toString());
            assertEquals(p.pid(), holders.get(0).pid());
            assertTrue(holders.get(0).name().startsWith("python"), holders.toString());
            assertTrue(holders.get(0).toString().endsWith("(PID " + p.pid() + ")"));
            assertEquals(p.pid(), open.holders(mapped).get(0).pid(), "an mmapped file counts as held");
            assertEquals(p.pid(), open.firstHolder(models).orElseThrow().pid(), "a folder is held by what is under it");
            assertFalse(open.firstHolder(idle).isPresent());
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutProcIsUnknownAndEmptyRatherThanFailing() {
        var open = OpenFiles.snapshot(dir.resolve("no-proc"));

        assertFalse(open.isKnown());
        assertEquals(List.of(), open.holdersUnder(dir));
    }
}
