package dev.modelkeeper.cli;

/**
 * Process exit codes of every command, one meaning each (the table in docs/cli.md, "Exit codes"). Scripts
 * branch on these, so a code keeps its meaning once published.
 */
final class ExitCode {

    /** The command did what was asked (findings in a cache do not change this for scan). */
    static final int OK = 0;
    /** Something failed part way (or unexpectedly), or a record it needs cannot be read; stderr says what. */
    static final int FAILURE = 1;
    /** The command line itself was wrong: unknown command or option, a missing or malformed value. */
    static final int USAGE = 2;
    /** Something named on the command line is not there: a folder, a repo or revision in no cache, a move id. */
    static final int NOT_FOUND = 3;
    /**
     * The Hub (or the mirror), or the team store, refused or could not be reached: not found, gated, no access
     * (wrong keys), no such bucket, a bad answer, down.
     */
    static final int HUB_REFUSED = 4;
    /** {@code verify} or {@code repair}: problems remain in what was checked. */
    static final int PROBLEMS = 5;
    /**
     * Refused on this machine before anything changed: a safety check said no (migrate's preflight, --undo, --abandon;
     * rm and prune: a repo a download holds, or no confirmation: no terminal to ask on and no --yes, or the answer no).
     */
    static final int REFUSED = 6;
    /** {@code ensure --check}: not ready offline (a revision, a file or a locked ref is missing); stdout says what. */
    static final int NOT_READY = 7;
    /** Interrupted with Ctrl+C (the JVM's own code on SIGINT, also returned when the work stopped in time). */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
