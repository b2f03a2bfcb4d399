package dev.modelkeeper.cli;

/** Process exit codes of every command (documented in docs/cli.md). */
final class ExitCode {

    /** The command did what was asked (findings in a cache do not change this for scan). */
    static final int OK = 0;
    /** Something unexpected failed; stderr says what in one sentence. */
    static final int FAILURE = 1;
    /** The command line itself was wrong. */
    static final int USAGE = 2;
    /** A cache folder named on the command line is missing, not a folder, or unreadable. */
    static final int ROOT_UNAVAILABLE = 3;
    /**
     * The Hub refused: repository, revision or file not found, gated, or no access ({@code verify --online}:
     * could not be asked).
     */
    static final int REFUSED = 4;
    /** {@code verify}: problems remain in what was verified (a corrupt or missing file, a broken ref …). */
    static final int PROBLEMS = 5;
    /** Interrupted with Ctrl+C (set by the JVM on SIGINT). */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
