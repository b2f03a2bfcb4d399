package dev.modelkeeper.core.health;

import dev.modelkeeper.core.env.Thresholds;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The facts of this machine the doctor reads besides the environment, each replaceable in tests: the mount
 * table, the {@code /proc} folder, this user's id, who holds a lock, the clock, how full a disk is, the accounts
 * and groups, and the user's settings.
 *
 * @param mounts     the mount table
 * @param proc       the {@code /proc} folder ({@code <proc>/<pid>/environ|cwd|cmdline}); a missing one means no processes
 * @param uid        this user's id: only processes of this user are read; -1 when unknown
 * @param lockHeld   whether a lock file is held by some process now
 * @param clock      what "an hour ago" is measured against
 * @param space      how many percent of the disk under a folder are used
 * @param accounts   the members of a group and the home of an account
 * @param thresholds when a disk counts as too full (the settings')
 * @param userRoots  the cache folders added in the window
 */
public record Machine(MountTable mounts, Path proc, long uid, Predicate<Path> lockHeld, Clock clock, Space space,
                      Accounts accounts, Thresholds thresholds, List<Path> userRoots) {

    /** How full the disk under a folder is. */
    @FunctionalInterface
    public interface Space {
        /** Percent used (0–100), or empty when it cannot be asked. */
        OptionalInt usedPercent(Path folder);
    }

    public Machine {
        Objects.requireNonNull(mounts, "mounts");
        Objects.requireNonNull(proc, "proc");
        userRoots = List.copyOf(userRoots);
    }

    /** This machine as it is: {@code /proc}, the real mount table, flock, {@code /etc/passwd} and {@code /etc/group}. */
    public static Machine system(Thresholds thresholds, List<Path> userRoots) {
        return new Machine(MountTable.current(), Path.of("/proc"), currentUid(), FileLocks::isHeld, Clock.systemUTC(),
                Machine::fileStorePercent, Accounts.fromEtc(Path.of("/etc")), thresholds, userRoots);
    }

    /** The owner of {@code /proc/self}: the user this process runs as; -1 elsewhere than Linux. */
    static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    static OptionalInt fileStorePercent(Path folder) {
        try {
            var store = Files.getFileStore(folder);
            long total = store.getTotalSpace();
            if (total <= 0) {
                return OptionalInt.empty();
            }
            long used = total - store.getUsableSpace();
            return OptionalInt.of((int) Math.min(100, Math.max(0, used * 100 / total)));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
