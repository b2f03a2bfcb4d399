package dev.modelkeeper.core.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interop with other processes' BSD flock (what Python's filelock takes), via util-linux flock(1). */
class FileLocksTest {

    @TempDir
    Path dir;

    private Process holdInAnotherProcess(Path lock) throws Exception {
        Path ready = dir.resolve("ready");
        Process p = new ProcessBuilder("flock", "-n", lock.toString(), "sh", "-c",
                "touch '" + ready + "'; sleep 30").start();
        for (int i = 0; i < 200 && !Files.exists(ready); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(ready), "flock(1) did not take the lock");
        return p;
    }

    @Test
    void lockHeldByAnotherProcessIsSeenAndExcludesUs() throws Exception {
        Path lock = dir.resolve(".locks/models--a--b/abc.lock");
        Files.createDirectories(lock.getParent());
        Process other = holdInAnotherProcess(lock);
        try {
            assertTrue(FileLocks.isHeld(lock));
            assertTrue(FileLocks.tryLock(lock).isEmpty());
        } finally {
            // the command flock(1) runs inherits the locked descriptor: end the whole tree
            var tree = new java.util.ArrayList<>(other.descendants().toList());
            tree.add(other.toHandle());
            tree.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : tree) {
                h.onExit().get(5, TimeUnit.SECONDS);
            }
        }
        assertFalse(FileLocks.isHeld(lock));
        try (var held = FileLocks.tryLock(lock).orElseThrow()) {
            assertEquals(lock, held.path());
        }
    }

    @Test
    void ourLockExcludesAnotherProcess() throws Exception {
        Path lock = dir.resolve("x.lock");
        try (var held = FileLocks.tryLock(lock).orElseThrow()) {
            Process p = new ProcessBuilder("flock", "-n", lock.toString(), "true").start();
            assertEquals(1, p.waitFor(), "flock -n must fail while we hold it");
        }
        Process p = new ProcessBuilder("flock", "-n", lock.toString(), "true").start();
        assertEquals(0, p.waitFor());
        assertTrue(Files.exists(lock), "lock files stay in place, as the official client leaves them");
    }

    @Test
    void twoLocksInOneProcessExcludeEachOther() throws Exception {
        Path lock = dir.resolve("y.lock");
        try (var first = FileLocks.tryLock(lock).orElseThrow()) {
            assertTrue(FileLocks.tryLock(lock).isEmpty());
            assertTrue(FileLocks.isHeld(lock));
        }
        assertFalse(FileLocks.isHeld(lock));
    }

    @Test
    void probingAMissingLockNeitherSeesAHolderNorCreatesIt() {
        Path lock = dir.resolve("missing.lock");
        assertFalse(FileLocks.isHeld(lock));
        assertFalse(Files.exists(lock));
    }
}
