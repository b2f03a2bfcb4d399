package dev.modelkeeper.cli;

import dev.modelkeeper.core.task.ProgressListener;
import java.io.PrintStream;

/** A one-line progress display on stderr, only when stderr is a terminal (never in pipes or CI logs). */
final class CliProgress implements ProgressListener {

    private final PrintStream err;
    private final boolean enabled;
    private volatile String message = "";
    private long lastPercent = -1;

    CliProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static CliProgress forTerminal(PrintStream err) {
        return new CliProgress(err, System.console() != null && System.console().isTerminal());
    }

    @Override
    public void message(String text) {
        message = text;
    }

    @Override
    public synchronized void progress(long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        long percent = done * 100 / total;
        if (percent != lastPercent) {
            lastPercent = percent;
            String line = String.format("%3d%%  %s", percent, message);
            err.print("\r" + (line.length() > 79 ? line.substring(0, 79) : line) + "\u001b[K");
            err.flush();
        }
    }

    void finish() {
        if (enabled) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
