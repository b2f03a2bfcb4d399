package dev.modelkeeper.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.repair.RepairOperation;
import dev.modelkeeper.core.repair.RepairPlanner;
import dev.modelkeeper.core.repair.RepairResult;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.Damage;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.HubEmulator;
import dev.modelkeeper.testing.python.OfficialClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache the official client (huggingface_hub 2.0) filled is damaged in every way a file can be; after
 * our verify and repair, {@code HfApi.verify_repo_checksums} finds every revision clean and the official
 * client loads every file with {@code local_files_only=True}, byte for byte. Only the damaged files'
 * bytes crossed the network.
 */
@Tag("interop")
class OfficialRepairAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void afterOurRepairTheOfficialClientVerifiesCleanAndLoadsEverythingOffline() throws Exception {
        Path cache = work.resolve("hub");
        var tts = FixtureRepo.model("org/tts");
        String c1 = tts.commit(1);
        byte[] weights = Damage.random(300_000, 1);
        byte[] shard = Damage.random(50_000, 2);
        tts.file(c1, "config.json", "{\"v\":1}").file(c1, "nested/dir/tokenizer.json", "{\"t\":[1,2]}")
                .file(c1, "README.md", "# tts").file(c1, "vocab.txt", "a\nb\nc\nd\ne\nf\n")
                .lfsFile(c1, "weights.bin", weights).lfsFile(c1, "model-00001.safetensors", shard);
        String c2 = tts.commit(2);
        tts.file(c2, "config.json", "{\"v\":2}").lfsFile(c2, "weights.bin", weights).ref("main", c2)
                .ref("refs/pr/1", c1);
        try (var hub = new HubEmulator().pageSize(3).add(tts)) {
            Map<String, String> env = Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString());
            OfficialClient.runScript("hfh_download.py", env, "org/tts", "model", "refs/pr/1");
            OfficialClient.runScript("hfh_download.py", env, "org/tts", "model", "main");
            var l = new HubLayout(cache, RepoType.MODEL, "org/tts");
            var f1 = tts.files(c1);
            Damage.flip(l.blob(f1.get("weights.bin").etag()));                       // used by both revisions
            Damage.truncate(l.blob(f1.get("vocab.txt").etag()), 3);
            Damage.truncate(l.blob(f1.get("model-00001.safetensors").etag()), 0);
            Files.delete(l.blob(f1.get("README.md").etag()));                 // dangling
            Files.delete(l.pointer(c1, "nested/dir/tokenizer.json"));         // missing
            Path config2 = l.pointer(c2, "config.json");                      // linked to the wrong blob
            Files.delete(config2);
            Files.createSymbolicLink(config2, config2.getParent().relativize(l.blob(f1.get("config.json").etag())));
            Files.writeString(l.ref("main"), c2 + "\n");                       // ref with a newline
            long servedBefore = hub.bytesServed();

            var client = new HubClient(new OkHttpClient(), HubEndpoint.of(hub.url(), false), Optional.empty(),
                    RetryPolicy.none());
            VerifyReport report = new VerifyOperation(VerifyScope.repo(CacheRoot.user(cache), l.repo()),
                    VerdictStore.inMemory(), VerifyListener.NONE, 2, Optional.of(client))
                    .run(ProgressListener.NONE, Cancellation.create());
            var plan = new RepairPlanner(false).plan(report.findings());
            RepairResult result = new RepairOperation(plan, Optional.of(client), BandwidthLimit.NONE)
                    .run(ProgressListener.NONE, Cancellation.create());

            assertTrue(result.complete(), result.toString());
            // the missing tokenizer entry and the wrongly linked config only need links: their blobs are there
            long expected = weights.length + shard.length + "# tts".length() + "a\nb\nc\nd\ne\nf\n".length();
            assertEquals(expected, hub.bytesServed() - servedBefore, "only the damaged files were downloaded");
            for (String commit : List.of(c1, c2)) {
                JsonNode v = JSON.readTree(OfficialClient.runScript("hfh_verify.py", env, cache.toString(), "org/tts",
                        "model", commit));
                assertEquals(0, v.get("mismatches").size(), commit + ": " + v);
                assertEquals(0, v.get("missing").size(), commit + ": " + v);
                assertEquals(0, v.get("extra").size(), commit + ": " + v);
            }
            var offline = Map.of("HF_HUB_CACHE", cache.toString(), "HF_HUB_OFFLINE", "1");
            for (var rev : List.of(Map.entry("refs/pr/1", c1), Map.entry("main", c2))) {
                var args = new ArrayList<>(List.of("org/tts", "model", rev.getKey()));
                args.addAll(tts.files(rev.getValue()).keySet());
                JsonNode loaded = JSON.readTree(OfficialClient.runScript("hfh_load_offline.py", offline,
                        args.toArray(String[]::new)));
                for (var file : tts.files(rev.getValue()).values()) {
                    assertEquals(CacheFixture.sha256(file.content()), loaded.get("files").get(file.path()).asText(),
                            rev.getKey() + " " + file.path());
                }
            }
        }
    }
}
