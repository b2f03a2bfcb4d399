package dev.modelkeeper.cli;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

/** {@code scan} keeps its index in the app's cache folder and reuses it; {@code --no-index} neither reads nor writes it. */
class ScanIndexCommandTest {

    @TempDir
    Path home;

    private String scan(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var all = new java.util.ArrayList<>(java.util.List.of("scan", "--json"));
        all.addAll(java.util.List.of(args));
        int code = CliMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new Environment(Map.of(), home, Environment.Os.LINUX));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).replaceAll("\"free_bytes\":\\d+", ""); // others write too
    }

    private Path indexFolder() {
        return home.resolve(".cache/modelkeeper/scan-index");
    }

    @Test
    void aRescanReusesTheIndexAndSeesAChangeAsAColdScanDoes() throws Exception {
        var cache = new CacheFixture(home.resolve("hub"));
        RepoFixture repo = cache.model("org/name").file(commit(1), "config.json", "{}")
                .lfsFile(commit(1), "w.bin", new byte[2048]).ref("main", commit(1));
        cache.model("org/other").file(commit(2), "a.txt", "a").ref("main", commit(2));
        Thread.sleep(2100); // older than the racy window: the first scan may index it
        String cold = scan("--no-index", cache.dir().toString());
        assertFalse(Files.exists(indexFolder()), "--no-index writes no index");

        String first = scan(cache.dir().toString());
        assertEquals(cold, first);
        try (var files = Files.list(indexFolder())) {
            assertEquals(1, files.count(), "one index file per root");
        }
        assertEquals(first, scan(cache.dir().toString()));

        repo.deleteBlob(repo.etag(commit(1), "w.bin"));
        String changed = scan(cache.dir().toString());
        assertNotEquals(first, changed);
        assertEquals(scan("--no-index", cache.dir().toString()), changed);
    }
}
