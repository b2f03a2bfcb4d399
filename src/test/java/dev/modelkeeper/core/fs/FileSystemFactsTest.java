package dev.modelkeeper.core.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.fs.FileSystemInfo.Hazard;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemFactsTest {

    private static final String MOUNTINFO = """
            22 1 252:0 / / rw,relatime shared:1 - overlay overlay rw,lowerdir=/a
            30 22 0:26 / /dev/shm rw shared:2 - tmpfs tmpfs rw
            31 22 0:27 / /mnt/my\\040disk rw shared:3 - ext4 /dev/sdb1 rw
            32 22 0:28 / /mnt/nas rw shared:4 - nfs4 server:/export rw
            """;

    @Test
    void mountTableFindsTheLongestMountPointAndDecodesEscapes() {
        var table = MountTable.parse(MOUNTINFO);
        assertEquals("ext4", table.find(Path.of("/mnt/my disk/models")).orElseThrow().type());
        assertEquals(Path.of("/mnt/my disk"), table.find(Path.of("/mnt/my disk/x")).orElseThrow().mountPoint());
        assertEquals("overlay", table.find(Path.of("/home/me")).orElseThrow().type());
        assertEquals("server:/export", table.find(Path.of("/mnt/nas/hub")).orElseThrow().source());
    }

    @Test
    void hazardsNameWhyACacheWouldVanish() {
        var inContainer = new LinuxFileSystemProbe(() -> MOUNTINFO, true);
        var onHost = new LinuxFileSystemProbe(() -> MOUNTINFO, false);
        assertEquals(Set.of(Hazard.TMPFS, Hazard.TEMP_DIRECTORY), inContainer.hazards(Path.of("/dev/shm/x"), "tmpfs"));
        assertEquals(Set.of(Hazard.CONTAINER_LAYER), inContainer.hazards(Path.of("/root/.cache"), "overlay"));
        assertEquals(Set.of(), onHost.hazards(Path.of("/root/.cache"), "overlay"));
        assertEquals(Set.of(Hazard.TEMP_DIRECTORY), onHost.hazards(Path.of("/tmp/hub"), "ext4"));
        assertEquals(Set.of(Hazard.NETWORK), onHost.hazards(Path.of("/mnt/nas"), "nfs4"));
    }

    @Test
    void realProbeReportsSpaceAndNothingForAMissingDrive(@TempDir Path dir) {
        var info = LinuxFileSystemProbe.system().probe(dir).orElseThrow();
        assertTrue(info.totalBytes() > 0 && info.usableBytes() > 0);
        assertTrue(dir.toAbsolutePath().startsWith(info.mountPoint()));
        assertTrue(LinuxFileSystemProbe.system().probe(dir.resolve("no/such/drive")).isEmpty());
    }
}
