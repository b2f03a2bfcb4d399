package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import dev.modelkeeper.testing.Damage;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache filled by the official client (huggingface_hub 2.0, from our emulator) is damaged in every
 * way a file can be, then verified online by us and by {@code HfApi.verify_repo_checksums}: for every
 * revision both report the same mismatched, missing and extra files.
 */
@Tag("interop")
class OfficialVerifyAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<FindingKind> MISMATCH = Set.of(FindingKind.CHECKSUM_MISMATCH, FindingKind.SIZE_MISMATCH,
            FindingKind.EMPTY_BLOB, FindingKind.WRONG_BLOB);
    private static final Set<FindingKind> MISSING = Set.of(FindingKind.MISSING_FILE, FindingKind.DANGLING_LINK);

    @TempDir
    static Path work;
    static Path cache;
    static HubEmulator hub;
    static FixtureRepo tts;
    static FixtureRepo data;

    @BeforeAll
    static void fillWithTheOfficialClientThenDamage() throws Exception {
        cache = work.resolve("hub");
        tts = FixtureRepo.model("org/tts");
        String c1 = tts.commit(1);
        tts.file(c1, "config.json", "{\"v\":1}").file(c1, "nested/dir/tokenizer.json", "{\"t\":[1,2]}")
                .file(c1, "README.md", "# tts").file(c1, "vocab.txt", "a\nb\nc\nd\ne\nf\n")
                .lfsFile(c1, "weights.bin", Damage.random(300_000, 1))
                .lfsFile(c1, "model-00001.safetensors", Damage.random(50_000, 2));
        String c2 = tts.commit(2);
        tts.file(c2, "config.json", "{\"v\":2}").ref("main", c2).ref("refs/pr/1", c1);
        data = new FixtureRepo(RepoType.DATASET, "org/data");
        data.ref("main", data.commit(1)).file(data.commits().getFirst(), "train/a.csv", "x,y\n1,2\n");
        hub = new HubEmulator().pageSize(3).add(tts).add(data);
        var env = env();
        OfficialClient.runScript("hfh_download.py", env, "org/tts", "model", "refs/pr/1");
        OfficialClient.runScript("hfh_download.py", env, "org/tts", "model", "main");
        OfficialClient.runScript("hfh_download.py", env, "org/data", "dataset", "main");
        damage(new HubLayout(cache, RepoType.MODEL, "org/tts"), c1, c2);
    }

    private static void damage(HubLayout l, String c1, String c2) throws Exception {
        var f1 = tts.files(c1);
        Damage.flip(l.blob(f1.get("weights.bin").etag()));                       // LFS, used by both revisions
        Damage.truncate(l.blob(f1.get("vocab.txt").etag()), 3);                  // git file cut short
        Damage.truncate(l.blob(f1.get("model-00001.safetensors").etag()), 0);    // empty
        Files.delete(l.blob(f1.get("README.md").etag()));                 // dangling in both revisions
        Files.delete(l.pointer(c1, "nested/dir/tokenizer.json"));         // missing from one revision
        Files.writeString(l.pointer(c2, "notes.txt"), "mine");            // extra
        Path config2 = l.pointer(c2, "config.json");                      // linked to the other revision's blob
        Files.delete(config2);
        Files.createSymbolicLink(config2, config2.getParent().relativize(l.blob(f1.get("config.json").etag())));
        Path config1 = l.pointer(c1, "config.json");                      // copy mode, wrong content
        Files.delete(config1);
        Files.writeString(config1, "{\"v\":9}");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void everyRevisionReportsTheSameFilesAsTheOfficialVerify() throws Exception {
        var ours = ours(new HubLayout(cache, RepoType.MODEL, "org/tts"));
        for (String commit : tts.commits()) {
            var official = official("org/tts", "model", commit);
            assertEquals(official, sets(ours, commit), "revision " + commit);
        }
        var damaged = Set.of("config.json", "vocab.txt", "weights.bin", "model-00001.safetensors");
        String c1 = tts.commits().get(0);
        String c2 = tts.commits().get(1);
        assertEquals(Map.of("mismatches", damaged, "missing", Set.of("README.md", "nested/dir/tokenizer.json"),
                "extra", Set.of()), sets(ours, c1));
        assertEquals(Map.of("mismatches", damaged, "missing", Set.of("README.md"), "extra", Set.of("notes.txt")),
                sets(ours, c2));
    }

    @Test
    void anUndamagedRepoIsCleanForBoth() throws Exception {
        String commit = data.commits().getFirst();
        var official = official("org/data", "dataset", commit);
        assertEquals(Set.of(), official.get("mismatches"));
        assertEquals(official, sets(ours(new HubLayout(cache, RepoType.DATASET, "org/data")), commit));
    }

    private static Map<String, String> env() {
        return Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString());
    }

    private static Map<String, Set<String>> official(String id, String type, String commit) throws Exception {
        JsonNode r = JSON.readTree(OfficialClient.runScript("hfh_verify.py", env(), cache.toString(), id, type, commit));
        var sets = new TreeMap<String, Set<String>>();
        for (String key : List.of("mismatches", "missing", "extra")) {
            var paths = new TreeSet<String>();
            r.get(key).forEach(p -> paths.add(p.asText()));
            sets.put(key, paths);
        }
        return sets;
    }

    /** Our online verify of the whole repo, as the official three path sets per revision. */
    private static Map<String, Map<String, Set<String>>> ours(HubLayout layout) throws Exception {
        var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                RetryPolicy.none());
        VerifyReport report = new VerifyOperation(VerifyScope.repo(CacheRoot.user(cache), layout.repo()),
                VerdictStore.inMemory(), VerifyListener.NONE, 2, Optional.of(client))
                .run(ProgressListener.NONE, Cancellation.create());
        var byCommit = new TreeMap<String, Map<String, Set<String>>>();
        for (VerifyFinding f : report.findings()) {
            String key = MISMATCH.contains(f.kind()) ? "mismatches" : MISSING.contains(f.kind()) ? "missing"
                    : f.kind() == FindingKind.EXTRA_FILE ? "extra" : null;
            if (key != null) {
                f.files().forEach(file -> sets(byCommit, file.commit()).get(key).add(file.filePath()));
            }
        }
        return byCommit;
    }

    private static Map<String, Set<String>> sets(Map<String, Map<String, Set<String>>> byCommit, String commit) {
        return byCommit.computeIfAbsent(commit, c -> new TreeMap<>(Map.of("mismatches", new TreeSet<>(),
                "missing", new TreeSet<>(), "extra", new TreeSet<>())));
    }
}
