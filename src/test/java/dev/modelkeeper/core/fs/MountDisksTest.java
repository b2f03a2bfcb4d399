package dev.modelkeeper.core.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The disks a cache can move to come from the one mount table reader, in core. */
class MountDisksTest {

    @Test
    void onlyLastingFilesystemsAreOffered() {
        var table = MountTable.parse(String.join("\n",
                "22 1 8:1 / / rw - ext4 /dev/sda1 rw",
                "23 22 0:5 / /proc rw - proc proc rw",
                "24 22 0:6 / /dev/shm rw - tmpfs tmpfs rw",
                "25 22 8:2 / /boot rw - ext4 /dev/sda2 rw",
                "26 22 0:7 / /nonexistent-mount-for-test rw - xfs /dev/sdb1 rw"));

        var disks = table.disks();

        assertEquals(1, disks.size(), disks.toString()); // "/" only: no proc, tmpfs, /boot, or a missing folder
        assertEquals(Path.of("/"), disks.getFirst().mountPoint());
        assertTrue(disks.getFirst().usableBytes() >= 0);
    }
}
