package dev.modelkeeper.cli;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupCommandTest {

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(Map.of(), home, Environment.Os.LINUX));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private RepoFixture cache() {
        return new CacheFixture(home.resolve("hub")).model("org/m")
                .lfsFile(commit(1), "w.bin", new byte[3000]).lfsFile(commit(1), "old.bin", new byte[1000])
                .lfsFile(commit(2), "w.bin", new byte[3000]).ref("main", commit(2));
    }

    private String cacheDir() {
        return home.resolve("hub").toString();
    }

    @Test
    void dryRunJsonShowsTheOfficialFieldsAndRemovesNothing() throws Exception {
        var repo = cache();

        var r = run("rm", commit(1), "--cache-dir", cacheDir(), "--dry-run", "--json");

        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1000, json.get("expected_freed_size").asLong());
        assertEquals(repo.snapshot(commit(1)).toString(), json.get("snapshots").get(0).asText());
        assertEquals(1, json.get("blobs").size());
        assertEquals(1, json.get("kept_shared").size());
        assertEquals(0, json.get("refused").size());
        assertTrue(Files.exists(repo.snapshot(commit(1))));
    }

    @Test
    void withoutATerminalAndWithoutYesNothingIsRemovedAndTheExitCodeSaysRefused() {
        var repo = cache();

        var r = run("rm", "model/org/m", "--cache-dir", cacheDir());

        assertEquals(ExitCode.REFUSED, r.code());
        assertTrue(r.out().contains(repo.dir().toString()), r.out());
        assertTrue(r.err().contains("--yes"), r.err());
        assertTrue(Files.exists(repo.dir()));
    }

    @Test
    void yesRemovesAndSaysWhatWasFreed() {
        var repo = cache();

        var r = run("rm", "hf://models/org/m", "--cache-dir", cacheDir(), "--yes");

        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(repo.dir()));
        assertTrue(r.out().contains("4.0 kB"), r.out());
    }

    @Test
    void pruneRemovesTheDetachedRevisionAndUnknownTargetsExitNotFound() throws Exception {
        var repo = cache();

        var missing = run("rm", "model/org/none", "--cache-dir", cacheDir(), "--yes");
        var pruned = run("prune", "--cache-dir", cacheDir(), "--yes", "--json");

        assertEquals(ExitCode.NOT_FOUND, missing.code());
        assertEquals(0, pruned.code(), pruned.err());
        assertEquals(1000, new ObjectMapper().readTree(pruned.out()).get("freed_size").asLong());
        assertFalse(Files.exists(repo.snapshot(commit(1))));
        assertTrue(Files.exists(repo.snapshot(commit(2)).resolve("w.bin")));
        assertEquals(ExitCode.USAGE, run("prune", "--older-than", "soon").code());
    }
}
