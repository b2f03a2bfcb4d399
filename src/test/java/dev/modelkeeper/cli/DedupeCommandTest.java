package dev.modelkeeper.cli;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.FileStats;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DedupeCommandTest {

    @TempDir
    Path home;
    private RepoFixture a;
    private RepoFixture b;
    private String etag;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void twoCaches() {
        a = new CacheFixture(home.resolve("a")).model("org/name").lfsFile(commit(1), "w.bin", new byte[50_000])
                .ref("main", commit(1));
        b = new CacheFixture(home.resolve("b")).model("org/name").lfsFile(commit(1), "w.bin", new byte[50_000])
                .ref("main", commit(1));
        etag = a.etag(commit(1), "w.bin");
    }

    private Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var vars = Map.of("MODELKEEPER_CONFIG_DIR", home.resolve("cfg").toString());
        var all = new ArrayList<>(List.of("dedupe", home.resolve("a").toString(), home.resolve("b").toString()));
        all.addAll(List.of(args));
        int code = CliMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(vars, home, Environment.Os.LINUX));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private boolean linked() {
        return FileStats.lstat(a.blob(etag)).orElseThrow().fileKey().equals(FileStats.lstat(b.blob(etag)).orElseThrow()
                .fileKey());
    }

    @Test
    void withoutATerminalAndWithoutYesItShowsThePlanChangesNothingAndExitsWithSix() {
        var r = run();

        assertEquals(ExitCode.REFUSED, r.code(), r.err());
        assertTrue(r.out().startsWith("Dedupe would free 50.0 kB by linking 1 duplicate file:"), r.out());
        assertTrue(r.err().contains("--yes"), r.err());
        assertTrue(!linked());
    }

    @Test
    void dryRunShowsThePlanAndExitsWithZero() {
        var r = run("--dry-run");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(b.blob(etag) + " becomes a link of " + a.blob(etag)), r.out());
        assertTrue(!linked());
    }

    @Test
    void yesLinksAndJsonSaysWhat() throws Exception {
        var r = run("--yes", "--json");

        assertEquals(0, r.code(), r.err());
        var json = new ObjectMapper().readTree(r.out());
        assertEquals(50_000, json.get("bytes_freed").asLong());
        assertEquals("linked", json.get("links").get(0).get("state").asText());
        assertTrue(linked());
        assertEquals("No duplicate files to link.", run().out().strip(), "nothing left to do");
    }

    @Test
    void onATerminalItAsksAndANoChangesNothing() {
        var asked = new ArrayList<String>();
        assertEquals(ExitCode.REFUSED, interactive(q -> {
            asked.add(q);
            return Optional.of(false);
        }));
        assertTrue(!linked());
        assertEquals(List.of("Link them now? [y/N]"), asked);

        assertEquals(0, interactive(q -> Optional.of(true)));
        assertTrue(linked());
    }

    private int interactive(Confirmation confirmation) {
        var texts = new CliTexts(Locale.ENGLISH);
        var sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        var env = new Environment(Map.of("MODELKEEPER_CONFIG_DIR", home.resolve("cfg").toString()), home,
                Environment.Os.LINUX);
        var cli = new CliContext(env, texts, sink, sink, new CommandRunner(texts, sink, false));
        var cl = new CommandLine(new DedupeCommand(cli, confirmation), new CliFactory(texts));
        cl.setResourceBundle(texts.bundle());
        return cl.execute(home.resolve("a").toString(), home.resolve("b").toString());
    }
}
