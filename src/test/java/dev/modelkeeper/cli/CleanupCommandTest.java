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
        return runWith(Map.of(), args);
    }

    private Run runWith(Map<String, String> vars, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(vars, home, Environment.Os.LINUX));
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

    private Path trashFiles() {
        return home.resolve(".local/share/Trash/files");
    }

    private static java.util.List<String> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void removalsGoToTheDesktopTrashByDefaultAndThePlanSaysWhereEachGoes() throws Exception {
        var repo = cache();
        String oldBlob = repo.etag(commit(1), "old.bin");

        var r = run("rm", commit(1), "--cache-dir", cacheDir(), "--yes", "--json");

        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(2, json.get("removals").size());
        json.get("removals").forEach(n -> assertEquals("trash", n.get("fate").asText(), n.toString()));
        assertFalse(json.get("needs_permanent").asBoolean());
        assertEquals(java.util.stream.Stream.of(commit(1), oldBlob).sorted().toList(), list(trashFiles()));
        assertTrue(Files.isSymbolicLink(trashFiles().resolve(commit(1)).resolve("old.bin")), "the snapshot moved whole");
        assertTrue(Files.exists(home.resolve(".local/share/Trash/info/" + oldBlob + ".trashinfo")));
        assertFalse(Files.exists(repo.snapshot(commit(1))));
    }

    @Test
    void permanentDeletesForGoodAndTheTextPlanSaysSo() throws Exception {
        var repo = cache();

        var dry = run("rm", "model/org/m", "--cache-dir", cacheDir(), "--permanent", "--dry-run");
        var r = run("rm", "model/org/m", "--cache-dir", cacheDir(), "--permanent", "--yes");

        assertTrue(dry.out().contains("delete    " + repo.dir()), dry.out());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(repo.dir()));
        assertEquals(java.util.List.of(), list(trashFiles()));
    }

    @Test
    void whereTheFilesystemHasNoTrashNothingGoesForGoodWithoutPermanent() throws Exception {
        Path mnt = home.resolve("mnt");
        assertTrue(dev.modelkeeper.testing.Tmpfs.mount(mnt), "needs root to mount a tmpfs");
        try {
            long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
            Files.createSymbolicLink(mnt.resolve(".Trash-" + uid), home); // a trash reached by a link is no trash
            var repo = new CacheFixture(mnt.resolve("hub")).model("org/m").lfsFile(commit(1), "w.bin", new byte[300])
                    .ref("main", commit(1));
            String dir = mnt.resolve("hub").toString();

            var plan = run("rm", "model/org/m", "--cache-dir", dir, "--dry-run", "--json");
            var refused = run("rm", "model/org/m", "--cache-dir", dir, "--yes");
            assertTrue(Files.exists(repo.dir()));
            var permanent = run("rm", "model/org/m", "--cache-dir", dir, "--yes", "--permanent");

            JsonNode json = new ObjectMapper().readTree(plan.out());
            assertTrue(json.get("needs_permanent").asBoolean());
            assertEquals("no_trash", json.get("removals").get(0).get("fate").asText());
            assertEquals(ExitCode.REFUSED, refused.code());
            assertTrue(refused.err().contains("--yes --permanent"), refused.err());
            assertTrue(refused.out().contains("no-trash"), refused.out());
            assertEquals(0, permanent.code(), permanent.err());
            assertFalse(Files.exists(repo.dir()));
        } finally {
            dev.modelkeeper.testing.Tmpfs.unmount(mnt);
        }
    }

    @Test
    void aBlobAPythonProcessHasOpenRefusesItsRepoNamingTheProcessUntilItEnds() throws Exception {
        var repo = cache();
        Path blob = repo.blob(repo.etag(commit(1), "old.bin"));
        Process python = new ProcessBuilder("/usr/bin/python3", "-c",
                "import sys,time\nf=open(sys.argv[1],'rb')\nprint('open',flush=True)\ntime.sleep(60)", blob.toString())
                .redirectErrorStream(true).start();
        try {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(python.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("open", reader.readLine());

            var r = run("rm", "model/org/m", "--cache-dir", cacheDir(), "--yes");

            assertEquals(ExitCode.REFUSED, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("in use by python3 (PID " + python.pid() + ")"), r.err());
            assertTrue(r.err().contains(blob.toString()), r.err());
            assertTrue(Files.exists(repo.dir().resolve("refs/main")) && Files.exists(repo.snapshot(commit(1))));
            assertTrue(Files.exists(blob));
        } finally {
            python.destroyForcibly();
            python.waitFor();
        }
        var after = run("rm", "model/org/m", "--cache-dir", cacheDir(), "--yes");
        assertEquals(0, after.code(), after.err());
        assertFalse(Files.exists(repo.dir()));
    }

    @Test
    void theXetCachesAreShownWithTheirSizeAndRemovedOnlyWithXet() throws Exception {
        var repo = cache();
        Path xet = home.resolve("hf/xet/https___cas.xet.hf.co");
        for (String name : new String[] {"chunk-cache/ab", "shard-cache", "staging/shard-session"}) {
            Files.createDirectories(xet.resolve(name));
        }
        Files.write(xet.resolve("chunk-cache/ab/chunk1"), new byte[5000]);
        Files.write(xet.resolve("shard-cache/s.mdb"), new byte[700]);
        Files.createDirectories(home.resolve("hf/xet/logs"));
        Files.move(home.resolve("hub"), Files.createDirectories(home.resolve("hf")).resolve("hub"));
        var vars = Map.of("HF_HOME", home.resolve("hf").toString());

        var plain = runWith(vars, "prune", "--yes", "--json");
        assertTrue(Files.exists(xet.resolve("chunk-cache/ab/chunk1")));
        var text = runWith(vars, "prune", "--dry-run");
        var withXet = runWith(vars, "prune", "--xet", "--yes", "--json");

        assertEquals(0, plain.code(), plain.err());
        JsonNode sizes = new ObjectMapper().readTree(plain.out()).get("xet_cache_sizes");
        assertEquals(3, sizes.size(), plain.out());
        assertEquals(5000, sizes.get(0).get("size").asLong());
        assertTrue(text.out().contains("prune --xet"), text.out());
        assertEquals(0, withXet.code(), withXet.err());
        JsonNode removed = new ObjectMapper().readTree(withXet.out());
        assertEquals(3, removed.get("xet_caches").size(), withXet.out());
        assertEquals(5700, removed.get("freed_size").asLong());
        assertEquals(java.util.List.of(), list(xet));
        assertTrue(Files.isDirectory(home.resolve("hf/xet/logs")), "the logs stay");
        assertTrue(Files.exists(home.resolve("hf/hub").resolve(repo.dir().getFileName()).resolve("refs/main")));
    }
}
