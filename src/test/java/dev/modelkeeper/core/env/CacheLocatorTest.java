package dev.modelkeeper.core.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheRoot.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheLocatorTest {

    @TempDir
    Path home;

    private CacheLocator locator(Map<String, String> vars) {
        return new CacheLocator(new Environment(vars, home, Environment.Os.LINUX));
    }

    @Test
    void defaultHubCacheIsUnderDotCacheEvenWhenMissing() {
        var roots = locator(Map.of()).discover(List.of());
        assertEquals(List.of(new CacheRoot(home.resolve(".cache/huggingface/hub"), CacheKind.HF_HUB, Origin.DEFAULT, null)),
                roots);
    }

    @Test
    void hubCachePrecedenceFollowsTheOfficialClient() {
        Path a = home.resolve("a");
        assertEquals(a, locator(Map.of("HF_HUB_CACHE", a.toString(), "HUGGINGFACE_HUB_CACHE", "/x", "HF_HOME", "/y"))
                .hubCache().path());
        assertEquals("HUGGINGFACE_HUB_CACHE", locator(Map.of("HUGGINGFACE_HUB_CACHE", "/x", "HF_HOME", "/y"))
                .hubCache().variable());
        assertEquals(Path.of("/y/hub"), locator(Map.of("HF_HOME", "/y", "XDG_CACHE_HOME", "/z")).hubCache().path());
        assertEquals(Path.of("/z/huggingface/hub"), locator(Map.of("XDG_CACHE_HOME", "/z")).hubCache().path());
    }

    @Test
    void tildeAndVariablesAreExpandedLikePython() {
        assertEquals(home.resolve("models/hub"), locator(Map.of("HF_HOME", "~/models")).hubCache().path());
        assertEquals(Path.of("/data/me/hub"), locator(Map.of("HF_HUB_CACHE", "/data/${USER}/hub", "USER", "me"))
                .hubCache().path());
        assertEquals(Path.of("/data/me/x"), locator(Map.of("HF_HUB_CACHE", "/data/$USER/x", "USER", "me"))
                .hubCache().path());
        assertEquals(Path.of("/data/$NOPE/x"), locator(Map.of("HF_HUB_CACHE", "/data/$NOPE/x")).hubCache().path(),
                "unknown variables are left as written");
    }

    @Test
    void windowsPercentVariablesExpandOnlyOnWindows() {
        var env = new Environment(Map.of("HF_HUB_CACHE", "/d/%U%/hub", "U", "me"), home, Environment.Os.WINDOWS);
        assertEquals(Path.of("/d/me/hub"), new CacheLocator(env).hubCache().path());
        assertEquals(Path.of("/d/%U%/hub"), locator(Map.of("HF_HUB_CACHE", "/d/%U%/hub", "U", "me")).hubCache().path());
    }

    @Test
    void environmentRootsAreAlwaysListedAndDefaultsOnlyWhenPresent() throws Exception {
        Files.createDirectories(home.resolve(".cache/torch/hub"));
        var roots = locator(Map.of("MODELSCOPE_CACHE", "/gone/ms", "TRANSFORMERS_CACHE", "/t/cache"))
                .discover(List.of(Path.of("/my/cache_hub")));
        assertEquals(List.of(
                new CacheRoot(home.resolve(".cache/huggingface/hub"), CacheKind.HF_HUB, Origin.DEFAULT, null),
                new CacheRoot(Path.of("/t/cache"), CacheKind.HF_HUB, Origin.ENVIRONMENT, "TRANSFORMERS_CACHE"),
                new CacheRoot(home.resolve(".cache/torch/hub"), CacheKind.TORCH_HUB, Origin.DEFAULT, null),
                new CacheRoot(Path.of("/gone/ms"), CacheKind.MODELSCOPE, Origin.ENVIRONMENT, "MODELSCOPE_CACHE"),
                CacheRoot.user(Path.of("/my/cache_hub"))), roots);
    }

    @Test
    void torchHomeAndXetAndAssetsFollowTheirOwnRules() throws Exception {
        var roots = locator(Map.of("TORCH_HOME", "~/th", "HF_HOME", "/hf", "HF_ASSETS_CACHE", "/assets"))
                .discover(List.of());
        assertEquals(List.of(Path.of("/hf/hub"), home.resolve("th/hub"), Path.of("/hf/xet"), Path.of("/assets")),
                roots.stream().map(CacheRoot::path).toList());
    }

    @Test
    void theSameFolderReachedTwiceIsListedOnce() throws Exception {
        Path real = Files.createDirectories(home.resolve("real"));
        Path link = Files.createSymbolicLink(home.resolve("link"), real);
        var roots = locator(Map.of("HF_HUB_CACHE", real.toString())).discover(List.of(link, real));
        assertEquals(1, roots.size());
    }
}
