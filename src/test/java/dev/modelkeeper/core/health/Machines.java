package dev.modelkeeper.core.health;

import dev.modelkeeper.core.env.Thresholds;
import dev.modelkeeper.core.fs.MountTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Machines made of fixtures: nothing of the real one is read unless a test puts it in. */
public final class Machines {

    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private Machines() {
    }

    /** No mounts, no processes, no accounts, every lock free, disks empty. */
    public static Machine bare() {
        return new Machine(MountTable.parse(""), Path.of("/nonexistent-proc"), -1, p -> false,
                Clock.fixed(NOW, ZoneOffset.UTC), p -> OptionalInt.empty(), new Accounts(Map.of(), Map.of()),
                Thresholds.defaults(), List.of());
    }

    public static Machine withMounts(Machine m, String mountinfo) {
        return new Machine(MountTable.parse(mountinfo), m.proc(), m.uid(), m.lockHeld(), m.clock(), m.space(),
                m.accounts(), m.thresholds(), m.userRoots());
    }

    public static Machine withProc(Machine m, Path proc, long uid) {
        return new Machine(m.mounts(), proc, uid, m.lockHeld(), m.clock(), m.space(), m.accounts(), m.thresholds(),
                m.userRoots());
    }

    public static Machine withSpace(Machine m, Machine.Space space) {
        return new Machine(m.mounts(), m.proc(), m.uid(), m.lockHeld(), m.clock(), space, m.accounts(), m.thresholds(),
                m.userRoots());
    }

    public static Machine withAccounts(Machine m, Accounts accounts) {
        return new Machine(m.mounts(), m.proc(), m.uid(), m.lockHeld(), m.clock(), m.space(), accounts, m.thresholds(),
                m.userRoots());
    }

    public static Machine withUid(Machine m, long uid) {
        return withProc(m, m.proc(), uid);
    }
}
