package dev.modelkeeper.core.health;

/** The five questions the doctor asks, in the order it reports them. */
public enum Check {
    /** Which cache each variable selects, conflicts, this shell against a new login, sudo. */
    ENVIRONMENT,
    /** Which cache each running program of this user reads. */
    PROCESSES,
    /** Whether the filesystem under a cache keeps it, locks it and has room. */
    STORAGE,
    /** Permissions of a cache a group shares. */
    SHARING,
    /** Stale locks, incomplete snapshots, refs to them, offline mode over them. */
    CACHE
}
