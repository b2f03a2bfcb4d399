package dev.modelkeeper.ui.roots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.fs.FileSystemInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RootItemViewModelTest {

    private static final CacheRoot ROOT = CacheRoot.user(Path.of("/tmp/hub"));

    private static RootItemViewModel item(CacheScan.State state, Set<FileSystemInfo.Hazard> hazards,
                                          List<Finding> findings) {
        var fs = state == CacheScan.State.ONLINE
                ? Optional.of(new FileSystemInfo(Path.of("/"), "tmpfs", "tmpfs", 1000, 250, hazards))
                : Optional.<FileSystemInfo>empty();
        var vm = new RootItemViewModel(ROOT);
        vm.scanProperty().set(new CacheScan(ROOT, CacheKind.HF_HUB, state, fs, List.of(), findings, List.of(), 42, 42,
                Instant.now()));
        return vm;
    }

    @Test
    void ephemeralLocationIsABadgeNotAProblem() {
        var vm = item(CacheScan.State.ONLINE, Set.of(FileSystemInfo.Hazard.TMPFS),
                List.of(Finding.of(FindingKind.EPHEMERAL_LOCATION, ROOT.path()),
                        Finding.of(FindingKind.UNKNOWN_ENTRY, ROOT.path()),
                        Finding.of(FindingKind.DANGLING_LINK, ROOT.path())));

        assertEquals(List.of(RootItemViewModel.Badge.EPHEMERAL, RootItemViewModel.Badge.PROBLEMS), vm.badges());
        assertEquals(1, vm.problemCount(), "info findings and the location itself are not problems");
        assertEquals(0.75, vm.usage(), 1e-9);
        assertEquals(42, vm.size());
    }

    @Test
    void missingFolderIsOfflineWithUnknownUsage() {
        var vm = item(CacheScan.State.OFFLINE, Set.of(), List.of(Finding.of(FindingKind.ROOT_OFFLINE, ROOT.path())));

        assertEquals(List.of(RootItemViewModel.Badge.OFFLINE), vm.badges());
        assertEquals(-1, vm.usage());
    }

    @Test
    void aNeverCreatedDefaultIsEmptyNotOffline() {
        var vm = item(CacheScan.State.NOT_CREATED, Set.of(), List.of());
        assertEquals(List.of(RootItemViewModel.Badge.NOT_CREATED), vm.badges());
    }
}
