package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.cache.ScanIndex;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official client changes a cache between two of our scans (it deletes a revision, it downloads a file
 * into a new sub-folder of a snapshot): the re-scan through the scan index equals a cold scan.
 */
@Tag("interop")
class ScanIndexAgreementTest {

    @TempDir
    Path work;

    private CacheScan scan(Path cache, ScanIndex index) throws Exception {
        return new CacheScanner(new BasicFileSystemProbe()).withIndex(index)
                .scan(CacheRoot.user(cache), ScanListener.NONE, ProgressListener.NONE, Cancellation.create());
    }

    private static void assertSameScan(CacheScan cold, CacheScan indexed) {
        assertEquals(cold.repos(), indexed.repos());
        assertEquals(cold.findings(), indexed.findings());
        assertEquals(cold.sizeOnDisk(), indexed.sizeOnDisk());
        assertEquals(cold.allocatedOnDisk(), indexed.allocatedOnDisk());
    }

    private static void python(Map<String, String> env, String script, String... args) throws Exception {
        var cmd = new java.util.ArrayList<>(List.of(OfficialClient.python().toString(), "-c", script));
        cmd.addAll(List.of(args));
        var all = new java.util.HashMap<>(env);
        all.put("HF_HUB_DISABLE_TELEMETRY", "1");
        all.put("HF_HUB_DISABLE_XET", "1");
        all.put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
        var r = OfficialClient.exec(cmd, all, 300);
        assertEquals(0, r.code(), r.err() + r.out());
    }

    @Test
    void whatTheOfficialClientChangesBetweenTwoScansIsSeen() throws Exception {
        Path cache = work.resolve("hub");
        var index = ScanIndex.in(work.resolve("app-cache"));
        var alpha = FixtureRepo.model("org/alpha");
        String a1 = alpha.commit(1);
        alpha.file(a1, "config.json", "{\"v\":1}").file(a1, "sub/dir/tok.json", "{}");
        String a2 = alpha.commit(2);
        alpha.file(a2, "config.json", "{\"v\":2}").ref("main", a2).ref("refs/pr/1", a1);
        var beta = FixtureRepo.model("org/beta");
        String b1 = beta.commit(1);
        beta.file(b1, "a.txt", "a").file(b1, "deep/er/c.txt", "c").ref("main", b1);
        try (var hub = new HubEmulator()) {
            hub.add(alpha).add(beta);
            var env = Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString());
            String get = "import sys; from huggingface_hub import hf_hub_download; hf_hub_download(sys.argv[1], sys.argv[2])";
            OfficialClient.runScript("hfh_download.py", env, "org/alpha", "model", "main");
            OfficialClient.runScript("hfh_download.py", env, "org/alpha", "model", "refs/pr/1");
            python(env, get, "org/beta", "a.txt");
            Thread.sleep(2100); // older than the index's racy window, so that the first scan indexes it all

            var first = scan(cache, index);
            assertSameScan(scan(cache, ScanIndex.NONE), first);
            assertTrue(Files.isDirectory(work.resolve("app-cache/scan-index")));
            assertSameScan(first, scan(cache, index));

            python(env, "import sys; from huggingface_hub import scan_cache_dir; "
                    + "scan_cache_dir(sys.argv[1]).delete_revisions(sys.argv[2]).execute()", cache.toString(), a1);
            python(env, get, "org/beta", "deep/er/c.txt");

            var second = scan(cache, index);
            assertSameScan(scan(cache, ScanIndex.NONE), second);
            Repo alphaRepo = second.repos().getFirst();
            assertEquals(List.of(a2), alphaRepo.revisions().stream().map(Revision::commitHash).toList());
            Repo betaRepo = second.repos().get(1);
            assertEquals(List.of("a.txt", "deep/er/c.txt"), betaRepo.revisions().getFirst().files().stream()
                    .map(f -> f.filePath()).sorted().toList());
            assertFalse(first.repos().equals(second.repos()));
        }
    }
}
