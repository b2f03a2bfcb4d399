package dev.modelkeeper.core.cache;

import static dev.modelkeeper.core.cache.ScanAssertions.kinds;
import static dev.modelkeeper.core.cache.ScanAssertions.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherLayoutsScannerTest {

    @TempDir
    Path dir;

    @Test
    void torchHubListsCheckpointsWithHashPrefixAndCodeReposAndPartials() throws Exception {
        Path ck = Files.createDirectories(dir.resolve("checkpoints"));
        Files.write(ck.resolve("resnet18-f37072fd.pth"), new byte[100]);
        Files.write(ck.resolve("plain.pt"), new byte[10]);
        Files.write(ck.resolve("vit.pth.0123abcd.partial"), new byte[7]);
        Path code = Files.createDirectories(dir.resolve("pytorch_vision_main/hubconf.d"));
        Files.writeString(code.getParent().resolve("hubconf.py"), "x");
        Files.writeString(dir.resolve("trusted_list"), "pytorch_vision\n");

        var scan = scan(new CacheRoot(dir, CacheKind.TORCH_HUB, CacheRoot.Origin.DEFAULT, null));

        assertEquals(List.of("checkpoint/plain.pt", "checkpoint/resnet18-f37072fd.pth", "torch_code/pytorch_vision_main"),
                scan.repos().stream().map(Repo::cacheId).toList());
        assertEquals("f37072fd", scan.repos().get(1).revisions().getFirst().commitHash());
        assertEquals("main", scan.repos().get(2).revisions().getFirst().commitHash());
        assertEquals(110 + 1, scan.sizeOnDisk());
        assertEquals(1, scan.incompleteFiles().size());
        assertEquals(List.of(FindingKind.INCOMPLETE_FILE), kinds(scan.findings()));
    }

    @Test
    void torchHashPrefixFollowsTheOfficialRegex() {
        assertEquals("f37072fd", TorchCheckpoints.hashPrefix("resnet18-f37072fd.pth"));
        assertEquals("", TorchCheckpoints.hashPrefix("x-.pth"));
        assertEquals("", TorchCheckpoints.hashPrefix("model.pth"));
        assertEquals("abc", TorchCheckpoints.hashPrefix("a-abc.b-def.pth"));
    }

    @Test
    void modelScopeDecodesTripleUnderscoreAndReadsRevision() throws Exception {
        Path model = Files.createDirectories(dir.resolve("models/Qwen/Qwen2___5-7B"));
        Files.write(model.resolve("model.safetensors"), new byte[500]);
        Files.writeString(model.resolve(".mv"), "Revision:v1.0.2,CreatedAt:1700000000");
        Files.write(model.resolve(".msc"), new byte[40]);
        Files.writeString(model.resolve(".mdl"), "x");
        Path temp = Files.createDirectories(dir.resolve("models/._____temp/Qwen/Qwen2.5-7B"));
        Files.write(temp.resolve("big.bin"), new byte[9]);

        var scan = scan(dir);

        assertEquals(CacheKind.MODELSCOPE, scan.kind());
        var repo = ScanAssertions.only(scan);
        assertEquals("model/Qwen/Qwen2.5-7B", repo.cacheId());
        assertEquals("v1.0.2", repo.revisions().getFirst().commitHash());
        assertEquals(500, repo.sizeOnDisk(), "metadata files are not model files");
        assertEquals(1, scan.incompleteFiles().size());
    }

    @Test
    void plainFolderOfWeightsShowsOneEntryPerFile() throws Exception {
        Files.write(dir.resolve("gpt.pth"), new byte[30]);
        Files.write(dir.resolve("bigvgan.safetensors"), new byte[20]);
        Files.writeString(dir.resolve("config.yaml"), "a: 1");

        var scan = scan(dir);

        assertEquals(CacheKind.FOLDER, scan.kind());
        assertEquals(3, scan.repos().size());
        assertEquals(54, scan.sizeOnDisk());
    }

    @Test
    void autoDetectsHubCacheAndTorchHub() throws Exception {
        new dev.modelkeeper.testing.CacheFixture(dir.resolve("a")).model("org/m");
        Files.createDirectories(dir.resolve("b/checkpoints"));
        assertEquals(CacheKind.HF_HUB, scan(dir.resolve("a")).kind());
        assertEquals(CacheKind.TORCH_HUB, scan(dir.resolve("b")).kind());
    }

    @Test
    void xetCacheIsSizedOnly() throws Exception {
        Path shard = Files.createDirectories(dir.resolve("https___cas/shard-cache"));
        Files.write(shard.resolve("a.mdb"), new byte[123]);

        var scan = scan(new CacheRoot(dir, CacheKind.HF_XET, CacheRoot.Origin.DEFAULT, null));

        assertEquals(List.of(), scan.repos());
        assertEquals(123, scan.sizeOnDisk());
    }

    @Test
    void missingRootIsOfflineWithoutThrowing() throws Exception {
        var scan = scan(dir.resolve("unplugged/drive"));

        assertEquals(CacheScan.State.OFFLINE, scan.state());
        assertEquals(List.of(FindingKind.ROOT_OFFLINE), kinds(scan.findings()));
        assertEquals(true, scan.fileSystem().isEmpty());
    }

    @Test
    void aFolderAVariableNamesIsNotCreatedYetWhenItsParentIsThereAndOfflineWhenNot() throws Exception {
        var waiting = scan(new CacheRoot(dir.resolve("hub"), CacheKind.HF_HUB, CacheRoot.Origin.ENVIRONMENT,
                "HF_HUB_CACHE"));
        var unplugged = scan(new CacheRoot(dir.resolve("media/usb/hub"), CacheKind.HF_HUB,
                CacheRoot.Origin.ENVIRONMENT, "HF_HUB_CACHE"));
        var added = scan(new CacheRoot(dir.resolve("mine"), CacheKind.HF_HUB, CacheRoot.Origin.USER, null));

        assertEquals(CacheScan.State.NOT_CREATED, waiting.state(), "the official client creates it on first download");
        assertEquals(CacheScan.State.OFFLINE, unplugged.state());
        assertEquals(CacheScan.State.OFFLINE, added.state(), "a folder the user added that is gone is offline");
    }

    @Test
    void fileGivenAsRootIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("x"), "x");
        assertEquals(CacheScan.State.NOT_A_DIRECTORY, scan(file).state());
    }
}
