package dev.modelkeeper.cli;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {

    @TempDir
    Path home;
    private Path hub;
    private Path hdd;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void cache() throws Exception {
        hub = home.resolve(".cache/huggingface/hub");
        new CacheFixture(hub).model("org/m").file(commit(1), "config.json", "{}")
                .lfsFile(commit(1), "model.safetensors", new byte[400_000]).ref("main", commit(1));
        hdd = home.resolve("hdd");
        Files.createDirectories(hdd);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        var env = new Environment(Map.of("MODELKEEPER_CONFIG_DIR", home.resolve("config").toString()), home,
                Environment.Os.LINUX);
        return CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private Process start(List<String> args, String crashAt, String locale) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path")));
        if (crashAt != null) {
            cmd.add("-Dmodelkeeper.migrate.crashAt=" + crashAt);
        }
        cmd.add("dev.modelkeeper.cli.CliMain");
        cmd.addAll(args);
        var pb = new ProcessBuilder(cmd);
        pb.environment().put("MODELKEEPER_CONFIG_DIR", home.resolve("config").toString());
        pb.environment().put("HOME", home.toString());
        if (locale != null) {
            pb.environment().put("LANG", locale);
            pb.environment().put("LC_ALL", locale);
        }
        return pb.start();
    }

    /** Runs migrate in another process until it reaches the point, kills it there, returns its stdout. */
    private String killAt(String point, String... args) throws Exception {
        var all = new ArrayList<>(List.of("migrate"));
        all.addAll(List.of(args));
        Process p = start(all, point, null);
        assertTrue(dev.modelkeeper.testing.CrashPoints.reached(p, point, 60), "reached " + point);
        String before = new String(p.getInputStream().readNBytes(p.getInputStream().available()), StandardCharsets.UTF_8);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return before;
    }

    private String journalId() throws Exception {
        try (var s = Files.list(home.resolve("config/state/migrations"))) {
            String name = s.findFirst().orElseThrow().getFileName().toString();
            return name.substring(0, name.length() - ".json".length());
        }
    }

    @Test
    void thePlanNamesDestinationSizeModeAndFreeSpace() {
        assertEquals(0, run("migrate", hub.toString(), hdd.resolve("hub").toString(), "--dry-run"), err.toString());

        String plan = out.toString();
        assertTrue(plan.contains("to " + hdd.resolve("hub")), plan);
        assertTrue(plan.contains("entries, one rename"), plan);
        assertTrue(plan.contains("free space there"), plan);
        assertFalse(Files.exists(hdd.resolve("hub")), "a dry run changes nothing");
    }

    @Test
    void thePlanIsPrintedBeforeTheCopyStarts() throws Exception {
        String printed = killAt("copying:1", hub.toString(), hdd.resolve("hub").toString(), "--copy");
        assertTrue(printed.contains("free space there"), "the whole plan is out before the copy: " + printed);
    }

    @Test
    void aDestinationThatWillVanishIsWarnedAbout() throws Exception {
        Path ram = home.resolve("ram");
        Files.createDirectories(ram);
        boolean mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", ram.toString())
                .start().waitFor() == 0;
        try {
            assertEquals(0, run("migrate", hub.toString(), ram.resolve("hub").toString(), "--dry-run"), err.toString());
            String expected = mounted ? "is in memory (tmpfs)" : "is in a temporary folder"; // @TempDir is under /tmp
            assertTrue(out.toString().contains(expected), out.toString());
            assertEquals(0, run("migrate", hub.toString(), ram.resolve("hub").toString(), "--dry-run", "--json"));
            assertTrue(out.toString().contains(mounted ? "\"tmpfs\"" : "\"temp_directory\""), out.toString());
        } finally {
            if (mounted) {
                new ProcessBuilder("umount", "-l", ram.toString()).start().waitFor();
            }
        }
    }

    @Test
    void withEnvItSaysWhichFilesItChangesAndThatTheOldPathNoLongerLeadsThere() throws Exception {
        Path to = hdd.resolve("hub");
        Path conf = home.resolve(".config/environment.d/60-modelkeeper.conf");
        Path profile = home.resolve(".profile");
        assertEquals(0, run("migrate", hub.toString(), to.toString(), "--env", "--dry-run"), err.toString());
        assertTrue(out.toString().contains("  " + conf) && out.toString().contains("  " + profile), out.toString());
        assertTrue(out.toString().contains("No link will be left at " + hub), out.toString());
        assertFalse(Files.exists(conf), "a dry run writes nothing");

        assertEquals(0, run("migrate", hub.toString(), to.toString(), "--env"), err.toString());

        String said = out.toString();
        assertFalse(said.contains("now leads to"), said);
        assertTrue(said.contains("No link was left at " + hub), said);
        assertTrue(said.contains("HF_HUB_CACHE=" + to), said);
        assertTrue(said.contains("  " + conf) && said.contains("  " + profile), said);
        assertTrue(said.contains("already running"), said);
        assertFalse(Files.exists(hub));
        assertTrue(Files.readString(conf).contains("HF_HUB_CACHE=" + to));
    }

    @Test
    void whenTheVariableCannotBeWrittenItSaysTheMoveHappenedAndWhatToSet() throws Exception {
        Files.writeString(home.resolve(".config"), "a file where the folder should be");
        Path to = hdd.resolve("hub");

        assertEquals(ExitCode.FAILURE, run("migrate", hub.toString(), to.toString(), "--env"));

        assertTrue(err.toString().startsWith("Moved " + hub + " to " + to + ", but HF_HUB_CACHE=" + to
                + " could not be written"), err.toString());
        assertTrue(Files.isDirectory(to) && !Files.exists(hub), "the move itself is done");
    }

    @Test
    void abandonRemovesAnInterruptedCopyAndRefusesOnceTheOriginalMoved() throws Exception {
        var before = tree(hub);
        killAt("copied", hub.toString(), hdd.resolve("hub").toString(), "--copy");
        String id = journalId();
        assertEquals(ExitCode.NOT_FOUND, run("migrate", "--abandon", "nope"), "no move has that id");
        assertTrue(err.toString().contains(id), "lists the unfinished moves: " + err);

        assertEquals(0, run("migrate", "--abandon", id), err.toString());

        assertTrue(out.toString().contains("Abandoned"), out.toString());
        assertEquals(before, tree(hub));
        assertEquals(List.of(), tree(hdd), "the partial copy is gone");
        assertFalse(Files.exists(home.resolve("config/state/migrations/" + id + ".json")));

        killAt("aside", hub.toString(), hdd.resolve("hub").toString(), "--copy");
        String late = journalId();
        assertEquals(ExitCode.REFUSED, run("migrate", "--abandon", late));
        assertTrue(err.toString().contains("cannot be abandoned") && err.toString().contains("--resume"), err.toString());
        assertEquals(0, run("migrate", "--resume"), err.toString());
        assertTrue(Files.isSymbolicLink(hub));
    }

    @Test
    void resumeReportsAJournalItCannotRead() throws Exception {
        Path file = home.resolve("config/state/migrations/1234abcd.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"id\":\"1234abcd\",\"sou");

        assertEquals(ExitCode.FAILURE, run("migrate", "--resume"));

        assertTrue(err.toString().contains(file.toString()) && err.toString().contains("cannot be read"), err.toString());
        assertFalse(out.toString().contains("No unfinished move"), out.toString());
        assertTrue(Files.exists(file), "left for a person to look at");
        assertEquals(ExitCode.FAILURE, run("migrate", "--abandon", "1234abcd"), "as --resume: a journal that cannot be read");
        assertTrue(err.toString().contains("cannot be read"), err.toString());
    }

    @Test
    void namesThatAreNotUtf8ArriveByteForByteUnderAnyLocale() throws Exception {
        Path repo = hub.resolve("models--org--m");
        sh(repo, "touch \"$(printf 'notes_\\377.txt')\" && mkdir \"$(printf 'd\\351j\\340')\"");
        sh(hub, "mkdir \"$(printf 'models--org--\\377')\" && echo w > \"$(printf 'models--org--\\377/w')\"");
        var names = tree(hub);
        for (String locale : List.of("C", "C.UTF-8")) {
            Path to = hdd.resolve("hub-" + locale);
            Process p = start(List.of("migrate", hub.toString(), to.toString(), "--copy"), null, locale);
            String said = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), locale + ": " + said);
            assertEquals(names, tree(to), locale + ": the same names, byte for byte");
            assertTrue(sh(to.resolve("models--org--m"), "ls -b").contains("notes_\\377.txt"), locale);
            Files.delete(hub);
            sh(home, "mv '" + to + "' '" + hub + "'");
        }
        assertTrue(names.stream().anyMatch(p -> !roundTrips(p)), "the names were not text");
    }

    private static List<Path> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(root::relativize).filter(p -> !p.toString().isEmpty()).sorted().toList();
        }
    }

    private static boolean roundTrips(Path p) {
        try {
            return Path.of(p.toString()).equals(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String sh(Path in, String script) throws Exception {
        var p = new ProcessBuilder("/bin/sh", "-c", script).directory(in.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals(0, p.waitFor(), text);
        return text;
    }
}
