package dev.modelkeeper.core.health;

import static dev.modelkeeper.core.health.EnvironmentCheckTest.codes;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.fix;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.one;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.CacheRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageCheckTest {

    @TempDir
    Path tmp;
    private Path real;
    private Machine machine;

    @BeforeEach
    void mounts() throws Exception {
        real = tmp.toRealPath();
        for (String d : List.of("ram", "layer", "nfs", "ro", "full", "disk")) {
            Files.createDirectories(real.resolve(d));
        }
        String mountinfo = String.join("\n",
                "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw",
                "36 22 0:32 / " + real.resolve("ram") + " rw,nosuid,nodev - tmpfs tmpfs rw,size=8g",
                "37 22 0:33 / " + real.resolve("layer") + " rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u",
                "38 22 0:34 / " + real.resolve("nfs") + " rw,relatime - nfs4 nas:/export/hf rw,vers=4.2",
                "39 22 8:17 / " + real.resolve("ro") + " ro,relatime - ext4 /dev/sdb1 ro",
                "40 22 8:33 / " + real.resolve("full") + " rw,relatime - ext4 /dev/sdc1 rw",
                "41 22 8:49 / " + real.resolve("disk") + " rw,relatime - xfs /dev/sdd1 rw");
        machine = Machines.withSpace(Machines.withMounts(Machines.bare(), mountinfo),
                p -> OptionalInt.of(p.startsWith(real.resolve("full")) ? 97 : 40));
    }

    private List<Finding> check(String folder, boolean offline) {
        Path root = real.resolve(folder).resolve("huggingface/hub"); // not created yet: judged by the folder above
        return new StorageCheck(machine, offline, real.resolve(folder).resolve("huggingface"))
                .run(List.of(CacheRoot.user(root)));
    }

    @Test
    void tmpfsIsEmptiedAtReboot() {
        Finding f = one(check("ram", false), "storage.tmpfs");
        assertTrue(text(f).contains("is on tmpfs, in memory: it is emptied at every reboot"), text(f));
    }

    @Test
    void aContainerLayerGetsTheComposeLineForAVolume() {
        Finding f = one(check("layer", false), "storage.overlay");
        assertTrue(fix(f).endsWith("volumes: [\"hf-cache:" + real.resolve("layer/huggingface") + "\"]"), fix(f));
    }

    @Test
    void aNetworkFilesystemWarnsThatTwoMachinesCorruptTheCache() {
        Finding f = one(check("nfs", false), "storage.network");
        assertTrue(text(f).contains("on nfs4 (nas:/export/hf)"), text(f));
        assertTrue(text(f).endsWith("two machines writing one cache corrupt it."), text(f));
    }

    @Test
    void aReadOnlyMountIsAProblemUnlessOfflineModeIsSet() {
        assertEquals(List.of("storage.readOnly"), codes(check("ro", false)));
        assertEquals(List.of("storage.readOnlyOffline"), codes(check("ro", true)));
    }

    @Test
    void aDiskAboveTheThresholdIsNearlyFull() {
        Finding f = one(check("full", false), "storage.full");
        assertTrue(text(f).contains("is 97% full, above the 85% limit"), text(f));
    }

    @Test
    void aPlainDiskIsFine() {
        assertEquals(List.of(), check("disk", false));
    }
}
