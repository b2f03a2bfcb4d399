package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.cache.ScanListener;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.fs.BasicFileSystemProbe;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache filled by the official client (huggingface_hub 2.0, downloading from our emulator) is
 * scanned by it and by us: repos, revisions, refs, files, sizes agree exactly, and every repo it puts
 * in its warnings is one we keep with an error finding.
 */
@Tag("interop")
class OfficialScanAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static Path cache;

    @BeforeAll
    static void fillCacheWithTheOfficialClient() throws Exception {
        cache = work.resolve("hub");
        byte[] weights = new byte[200_000];
        new Random(7).nextBytes(weights);
        var alpha = FixtureRepo.model("org/alpha");
        String a1 = alpha.commit(1);
        alpha.file(a1, "config.json", "{\"v\":1}").file(a1, "sub/dir/tokenizer.json", "{}")
                .lfsFile(a1, "weights.bin", weights);
        String a2 = alpha.commit(2);
        alpha.file(a2, "config.json", "{\"v\":2}").ref("main", a2).ref("refs/pr/1", a1);
        var tiny = FixtureRepo.model("tiny");
        tiny.ref("main", tiny.commit(1)).file(tiny.commits().getFirst(), "README.md", "# tiny");
        var data = new FixtureRepo(RepoType.DATASET, "org/data");
        data.ref("main", data.commit(1)).file(data.commits().getFirst(), "train/a.csv", "x,y\n1,2\n");
        var space = new FixtureRepo(RepoType.SPACE, "org/app");
        space.ref("main", space.commit(1)).file(space.commits().getFirst(), "app.py", "print(1)");
        var detached = FixtureRepo.model("org/pinned");
        String pinned = detached.commit(1);
        detached.ref("main", pinned).file(pinned, "model.safetensors", "not really");

        try (var hub = new HubEmulator().pageSize(2)) {
            hub.add(alpha).add(tiny).add(data).add(space).add(detached);
            var env = Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString());
            download(env, "org/alpha", "model", "main");
            download(env, "org/alpha", "model", "refs/pr/1");
            download(env, "tiny", "model", "main");
            download(env, "org/data", "dataset", "main");
            download(env, "org/app", "space", "main");
            download(env, "org/pinned", "model", pinned);
        }
    }

    private static void download(Map<String, String> env, String id, String type, String rev) throws Exception {
        OfficialClient.runScript("hfh_download.py", env, id, type, rev);
    }

    @Test
    void cleanCacheScansIdenticallyToTheOfficialScanner() throws Exception {
        var official = officialScan(cache);
        assertEquals(List.of(), official.get("warnings"));
        var ours = ourScan(cache);

        assertEquals(official.get("repos"), ours.repos);
        assertEquals(((Number) official.get("size_on_disk")).longValue(), ours.scan.sizeOnDisk());
        var pinned = ours.scan.repos().stream().filter(r -> r.repoId().equals("org/pinned")).findFirst().orElseThrow();
        assertTrue(pinned.revisions().getFirst().isDetached(), "downloaded by commit hash: no ref");
    }

    @Test
    void reposTheOfficialScannerRejectsAreKeptWithErrorFindings() throws Exception {
        Path broken = work.resolve("broken");
        copyTree(cache, broken);
        Path alpha = broken.resolve("models--org--alpha");
        try (var blobs = Files.list(alpha.resolve("blobs"))) {
            Path big = blobs.filter(p -> p.getFileName().toString().length() == 64).findFirst().orElseThrow();
            Files.delete(big);
        }
        Path tinyRef = broken.resolve("models--tiny/refs/main");
        Files.writeString(tinyRef, Files.readString(tinyRef) + "\n");
        Files.writeString(broken.resolve("version.txt"), "1");

        var official = officialScan(broken);
        var ours = ourScan(broken);

        @SuppressWarnings("unchecked")
        var warnings = (List<String>) official.get("warnings");
        assertEquals(3, warnings.size(), warnings.toString());
        Set<String> rejected = new TreeSet<>();
        for (Repo r : ours.scan.repos()) {
            if (warnings.stream().anyMatch(w -> w.contains(r.repoPath().toString()) || w.contains(
                    r.repoPath().resolve("blobs").toString()))) {
                rejected.add(r.repoId());
                assertEquals(Severity.ERROR, r.worstSeverity(), r.repoId() + " " + r.findings());
            }
        }
        assertEquals(Set.of("org/alpha", "tiny"), rejected);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("version.txt")));
        assertTrue(ours.scan.findings().stream().anyMatch(f -> f.path().endsWith("version.txt")));
        @SuppressWarnings("unchecked")
        var officialRepos = (List<Map<String, Object>>) official.get("repos");
        var oursWithoutRejected = ours.repos.stream().filter(m -> !rejected.contains(m.get("repo_id"))).toList();
        assertEquals(officialRepos, oursWithoutRejected, "the repos both accept are identical");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> officialScan(Path dir) throws Exception {
        var out = OfficialClient.runScript("hfh_scan.py", Map.of(), dir.toString());
        Map<String, Object> m = JSON.readValue(out, Map.class);
        for (var repo : (List<Map<String, Object>>) m.get("repos")) {
            roundTime(repo);
            ((List<Map<String, Object>>) repo.get("revisions")).forEach(OfficialScanAgreementTest::roundTime);
        }
        return m;
    }

    private static void roundTime(Map<String, Object> m) {
        m.put("last_modified", Math.round(((Number) m.get("last_modified")).doubleValue() * 1000));
    }

    private record Ours(CacheScan scan, List<Map<String, Object>> repos) {
    }

    private static Ours ourScan(Path dir) throws Exception {
        CacheScan scan = new CacheScanner(new BasicFileSystemProbe()).scan(CacheRoot.user(dir), ScanListener.NONE,
                ProgressListener.NONE, Cancellation.create());
        var repos = new ArrayList<Map<String, Object>>();
        scan.repos().stream().sorted(java.util.Comparator.comparing((Repo r) -> r.type().id())
                .thenComparing(Repo::repoId)).forEach(r -> repos.add(repo(r)));
        return new Ours(scan, repos);
    }

    private static Map<String, Object> repo(Repo r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("repo_id", r.repoId());
        m.put("repo_type", r.type().id());
        m.put("repo_path", r.repoPath().toString());
        m.put("size_on_disk", (int) r.sizeOnDisk());
        m.put("nb_files", r.nbFiles());
        m.put("refs", List.copyOf(r.refNames()));
        m.put("last_modified", pythonMillis(r.lastModified()));
        m.put("revisions", r.revisions().stream().map(OfficialScanAgreementTest::revision).toList());
        return m;
    }

    private static Map<String, Object> revision(Revision rev) {
        var m = new LinkedHashMap<String, Object>();
        m.put("commit_hash", rev.commitHash());
        m.put("refs", List.copyOf(rev.refs()));
        m.put("size_on_disk", (int) rev.sizeOnDisk());
        m.put("nb_files", rev.nbFiles());
        m.put("last_modified", pythonMillis(rev.lastModified()));
        m.put("files", rev.files().stream().sorted(java.util.Comparator.comparing(CachedFile::filePath))
                .map(f -> Map.<String, Object>of("file_name", f.fileName(), "file_path", f.filePath(),
                        "size_on_disk", (int) f.size(), "blob_path", f.blobPath().toString()))
                .toList());
        return m;
    }

    /** Python's st_mtime is the double sec + nsec * 1e-9; round it the same way on both sides. */
    private static long pythonMillis(java.time.Instant t) {
        return Math.round((t.getEpochSecond() + t.getNano() * 1e-9) * 1000);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        var r = OfficialClient.exec(List.of("cp", "-a", from.toString(), to.toString()), Map.of(), 60);
        assertEquals(0, r.code(), r.err());
    }
}
