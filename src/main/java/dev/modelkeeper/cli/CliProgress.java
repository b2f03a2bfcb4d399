package dev.modelkeeper.cli;

import dev.modelkeeper.core.task.ProgressListener;
import java.io.PrintStream;

/** A one-line progress display on stderr, only when stderr is a terminal (never in pipes or CI logs). */
final class CliProgress implements ProgressListener {

    private final PrintStream err;
    private final boolean enabled;
    private volatile String message = "";
    private long lastPercent = -1;
    private boolean bytes;
    private final long started = System.nanoTime();

    CliProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static CliProgress forTerminal(PrintStream err) {
        return new CliProgress(err, System.console() != null && System.console().isTerminal());
    }

    /** Shows progress as bytes with speed and time left (downloads). */
    CliProgress bytes() {
        bytes = true;
        return this;
    }

    @Override
    public synchronized void message(String text) {
        if (enabled && bytes && !text.equals(message)) {
            err.print("\r\u001b[K" + text + "\n"); // in byte mode the line shows numbers: a message gets its own line
            err.flush();
            lastPercent = -1;
        }
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
            String line = bytes ? String.format("%3d%%  %s / %s  %s  %s", percent,
                    dev.modelkeeper.core.cache.SizeFormat.bytes(done), dev.modelkeeper.core.cache.SizeFormat.bytes(total),
                    rate(done), eta(done, total)) : String.format("%3d%%  %s", percent, message);
            err.print("\r" + (line.length() > 79 ? line.substring(0, 79) : line) + "\u001b[K");
            err.flush();
        }
    }

    private String rate(long done) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return dev.modelkeeper.core.cache.SizeFormat.bytes((long) (done / seconds)) + "/s";
    }

    private String eta(long done, long total) {
        double seconds = (System.nanoTime() - started) / 1e9;
        if (done <= 0) {
            return "";
        }
        long left = (long) ((total - done) * seconds / done);
        return left >= 3600 ? String.format("ETA %d:%02d:%02d", left / 3600, left / 60 % 60, left % 60)
                : String.format("ETA %d:%02d", left / 60, left % 60);
    }

    void finish() {
        if (enabled) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
