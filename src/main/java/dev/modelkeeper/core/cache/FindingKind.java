package dev.modelkeeper.core.cache;

/**
 * Every problem or notable fact the scanner and verify can report. Texts live in
 * {@code dev/modelkeeper/core/findings*.properties} under {@code finding.<NAME>} (what is wrong) and
 * {@code repair.<NAME>} (what would fix it).
 */
public enum FindingKind {
    // root level
    ROOT_OFFLINE(Severity.ERROR),
    ROOT_NOT_CREATED(Severity.INFO),
    ROOT_NOT_A_DIRECTORY(Severity.ERROR),
    ROOT_UNREADABLE(Severity.ERROR),
    EPHEMERAL_LOCATION(Severity.WARNING),
    UNKNOWN_ENTRY(Severity.INFO),
    STALE_LOCK(Severity.WARNING),
    // repo structure (the official scanner drops such repos into its warnings)
    NOT_A_REPO(Severity.WARNING),
    MISSING_SNAPSHOTS_DIR(Severity.ERROR),
    FILE_IN_SNAPSHOTS_DIR(Severity.WARNING),
    REFS_IS_A_FILE(Severity.ERROR),
    // refs
    REF_TO_MISSING_SNAPSHOT(Severity.ERROR),
    REF_TRAILING_NEWLINE(Severity.ERROR),
    REF_NOT_A_COMMIT(Severity.ERROR),
    DETACHED_REVISION(Severity.INFO),
    // files and blobs
    DANGLING_LINK(Severity.ERROR),
    LINK_OUTSIDE_REPO(Severity.ERROR),
    /** A symbolic link that leads back to itself or to a folder above it: it stands for no file. */
    LINK_LOOP(Severity.ERROR),
    INCOMPLETE_FILE(Severity.WARNING),
    ORPHAN_BLOB(Severity.WARNING),
    /** What an interrupted repair left in {@code blobs/} (never an orphan): the next verify or repair finishes it. */
    INTERRUPTED_REPAIR(Severity.WARNING),
    /** Verify found what an interrupted repair left and finished it before looking. */
    INTERRUPTED_REPAIR_FINISHED(Severity.INFO),
    UNREADABLE(Severity.ERROR),
    // content checks (verify)
    CHECKSUM_MISMATCH(Severity.ERROR),
    SIZE_MISMATCH(Severity.ERROR),
    MISSING_FILE(Severity.ERROR),
    EXTRA_FILE(Severity.WARNING),
    /** A blob of zero bytes whose name promises content (a download that wrote nothing, a full disk). */
    EMPTY_BLOB(Severity.ERROR),
    /** A snapshot entry links to a different blob than the tree listing names for that file. */
    WRONG_BLOB(Severity.ERROR),
    /** A torch.hub checkpoint whose sha256 does not start with the hash in its file name. */
    TORCH_HASH_MISMATCH(Severity.ERROR),
    /** The Hub could not be asked for a revision's files (offline, not found, no access). */
    HUB_CHECK_FAILED(Severity.WARNING);

    private final Severity defaultSeverity;

    FindingKind(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}
