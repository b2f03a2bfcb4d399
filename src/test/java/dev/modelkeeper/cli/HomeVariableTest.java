package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.testing.CacheFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed command in a process whose {@code HOME} is not the account's home (as services, sudo,
 * containers and CI jobs run): discovery and {@code migrate --env} use {@code $HOME}, as the official client.
 */
class HomeVariableTest {

    @TempDir
    Path dir;

    private record Result(int code, String out) {
    }

    private Result cli(Path home, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CliMain.class.getName()));
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        var env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGINGFACE") || k.startsWith("XDG_")
                || k.equals("TORCH_HOME") || k.equals("MODELSCOPE_CACHE") || k.startsWith("MODELKEEPER"));
        env.put("HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void scanFindsTheCacheUnderHome() throws Exception {
        Path home = dir.resolve("srv-app");
        Path hub = home.resolve(".cache/huggingface/hub");
        new CacheFixture(hub).model("org/name").file("a".repeat(40), "config.json", "{}").ref("main", "a".repeat(40));
        assertFalse(home.equals(Path.of(System.getProperty("user.home"))));

        var r = cli(home, "scan", "--json");

        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("org/name"), r.out());
        assertTrue(r.out().contains(hub.toString()), r.out());
    }

    @Test
    void migrateEnvWritesIntoHome() throws Exception {
        Path home = dir.resolve("svc");
        Path hub = home.resolve(".cache/huggingface/hub");
        new CacheFixture(hub).model("org/name").file("a".repeat(40), "config.json", "{}").ref("main", "a".repeat(40));
        Path dest = dir.resolve("disk2/hub");
        Files.createDirectories(dest.getParent());

        var r = cli(home, "migrate", hub.toString(), dest.toString(), "--env");

        assertEquals(0, r.code(), r.out());
        Path conf = home.resolve(".config/environment.d/60-modelkeeper.conf");
        assertTrue(Files.exists(conf), r.out());
        assertTrue(Files.readString(conf).contains(dest.toString()));
        assertTrue(Files.readString(home.resolve(".profile")).contains(dest.toString()));
    }
}
