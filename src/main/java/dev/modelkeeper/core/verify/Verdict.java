package dev.modelkeeper.core.verify;

/**
 * What verify concluded about one file. Ordered from good to bad, so that a revision or a repo shows
 * the worst verdict of its files ({@link #rollUp}).
 */
public enum Verdict {
    /** The content matches the hash it promises (its blob name, the tree listing, the Hub, a torch prefix). */
    VERIFIED,
    /**
     * Nothing to check it against (a copy-mode file without a tree listing, offline; a ModelScope file; a
     * checkpoint without a hash in its name), or it could not be read.
     */
    UNVERIFIED,
    /** Missing, but an unfinished download of its blob is in {@code blobs/} ({@code <etag>*.incomplete}). */
    PARTIAL,
    /** Missing: a dangling link, or (online) a file of the revision that is not there at all. */
    MISSING,
    /** The content, the size or the blob linked does not match what it must be. */
    CORRUPT;

    /** The worst of the verdicts (VERIFIED for none): what a revision or repo row shows. */
    public static Verdict rollUp(Iterable<Verdict> verdicts) {
        Verdict worst = VERIFIED;
        for (Verdict v : verdicts) {
            if (v.compareTo(worst) > 0) {
                worst = v;
            }
        }
        return worst;
    }

    /** Whether a file with this verdict needs Repair. */
    public boolean needsRepair() {
        return this == PARTIAL || this == MISSING || this == CORRUPT;
    }
}
