package dev.modelkeeper.core.health;

import static dev.modelkeeper.core.health.EnvironmentCheckTest.codes;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.env.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCheckTest {

    @TempDir
    Path tmp;

    /** {@code <tmp>/proc/<pid>/} with environ, cmdline and cwd, owned by whoever runs the test. */
    private Path process(long pid, List<String> environ, List<String> cmdline, Path cwd) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("proc").resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("environ"), String.join("\0", environ) + "\0", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("cmdline"), String.join("\0", cmdline) + "\0", StandardCharsets.UTF_8);
        Files.createSymbolicLink(dir.resolve("cwd"), cwd);
        return dir;
    }

    private Machine machine() {
        return Machines.withProc(Machines.bare(), tmp.resolve("proc"), Machine.currentUid());
    }

    private List<Finding> check(Path models, Machine machine) {
        var env = new Environment(Map.of("HF_HUB_CACHE", models.toString()), tmp.resolve("home"), Environment.Os.LINUX);
        return new ProcessCheck(env, machine, List.of(models)).run();
    }

    @Test
    void aProgramStartedWithAnotherHomeIsFlaggedWithItsPidCommandAndCache() throws Exception {
        process(4211, List.of("HOME=/root", "PATH=/usr/bin"), List.of("python", "webui.py"), tmp);
        process(4212, List.of("HOME=/root"), List.of("/bin/bash"), tmp); // a shell downloads nothing

        var findings = check(tmp.resolve("data/hf"), machine());

        assertEquals(List.of("process.elsewhere"), codes(findings));
        Finding f = findings.getFirst();
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("PID 4211 `python webui.py` uses the hub cache /root/.cache/huggingface/hub (the default under"
                + " HOME=/root); your models are in " + tmp.resolve("data/hf") + ", so it downloads them again.", text(f));
    }

    @Test
    void aRelativeVariableIsReadAgainstTheProgramsWorkingFolder() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("srv/app"));
        process(77, List.of("HF_HOME=models"), List.of("/usr/bin/python3.11", "-m", "server"), app);

        var findings = check(tmp.resolve("data/hf"), machine());

        assertEquals(app.resolve("models/hub"), findings.getFirst().path());
    }

    @Test
    void aProgramUsingTheModelsCacheIsOnlyExplained() throws Exception {
        Path models = tmp.resolve("data/hf");
        process(90, List.of("HF_HUB_CACHE=" + models), List.of("uvicorn", "app:main"), tmp);

        var findings = check(models, machine());

        assertEquals(List.of("process.same"), codes(findings));
        assertEquals(Severity.INFO, findings.getFirst().severity());
    }

    @Test
    void anotherUsersProcessIsNotRead() throws Exception {
        process(91, List.of("HOME=/root"), List.of("python"), tmp);

        assertEquals(List.of(), check(tmp.resolve("data/hf"), Machines.withProc(Machines.bare(), tmp.resolve("proc"),
                Machine.currentUid() + 1)));
    }

    @Test
    void aRealChildProcessWithAnotherHfHomeIsFound() throws Exception {
        Path other = tmp.resolve("other-hf");
        var pb = new ProcessBuilder("sleep", "30");
        pb.environment().put("HF_HOME", other.toString());
        Process child = pb.start();
        try {
            Path environ = Path.of("/proc", Long.toString(child.pid()), "cmdline");
            long deadline = System.nanoTime() + 5_000_000_000L;
            // until the child has become sleep (before exec it is the JDK's spawn helper)
            while (!Files.readString(environ).startsWith("sleep") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            var machine = Machines.withProc(Machines.bare(), Path.of("/proc"), Machine.currentUid());

            var mine = check(tmp.resolve("data/hf"), machine).stream()
                    .filter(f -> text(f).startsWith("PID " + child.pid() + " ")).toList();

            assertEquals(1, mine.size());
            assertEquals(other.resolve("hub"), mine.getFirst().path());
            assertTrue(text(mine.getFirst()).contains("`sleep 30` uses the hub cache " + other.resolve("hub")
                    + " (HF_HOME=" + other + ")"), text(mine.getFirst()));
        } finally {
            child.destroy();
            child.waitFor();
        }
    }
}
