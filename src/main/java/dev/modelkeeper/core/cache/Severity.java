package dev.modelkeeper.core.cache;

/** How bad a finding is. Ordered from harmless to serious. */
public enum Severity {
    /** Worth knowing, nothing is wrong (a detached revision, an unknown file). */
    INFO,
    /** Wastes space or may break later (orphan blobs, stale partial downloads, an ephemeral location). */
    WARNING,
    /** Something a program will fail on (a missing blob, a ref to a missing snapshot, a corrupt file). */
    ERROR
}
