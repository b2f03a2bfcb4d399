package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The progress bar on stderr: bar, percent, and for byte counts done / total, speed and time left. Drawn
 * only when enabled (stderr is a terminal and the output is not --json), so pipes and CI logs stay clean.
 */
final class CliProgress implements ProgressListener {

    private static final int WIDTH = 79;
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final boolean bytes;
    private final LongSupplier clock;
    private final char full;
    private final char empty;
    private volatile String message = "";
    private long lastPercent = -1;
    private long lastDraw;
    private dev.modelkeeper.core.task.Throughput throughput; // from the first report on
    private boolean drawn;

    CliProgress(PrintStream err, boolean enabled, boolean bytes, LongSupplier clock) {
        this.err = err;
        this.enabled = enabled;
        this.bytes = bytes;
        this.clock = clock;
        boolean utf8 = err.charset().equals(StandardCharsets.UTF_8);
        this.full = utf8 ? '█' : '#';
        this.empty = utf8 ? '░' : '-';
    }

    CliProgress(PrintStream err, boolean enabled, boolean bytes) {
        this(err, enabled, bytes, System::nanoTime);
    }

    @Override
    public synchronized void message(String text) {
        if (enabled && bytes && !text.equals(message)) {
            clear();
            err.print(text + "\n"); // the bar shows numbers: a message gets its own line
            err.flush();
        }
        message = text;
    }

    @Override
    public synchronized void progress(long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        long now = clock.getAsLong();
        if (throughput == null) {
            throughput = new dev.modelkeeper.core.task.Throughput(now, done);
        }
        long percent = Math.clamp(done * 100 / total, 0, 100);
        if (percent == lastPercent && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastPercent = percent;
        lastDraw = now;
        String line = bar(done, total) + String.format(" %3d%%  ", percent)
                + (bytes ? SizeFormat.bytes(done) + " / " + SizeFormat.bytes(total) + speedAndEta(done, total, now)
                : message);
        err.print("\r" + (line.length() > WIDTH ? line.substring(0, WIDTH) : line) + "\u001b[K");
        err.flush();
        drawn = true;
    }

    private String bar(long done, long total) {
        int cells = (int) Math.clamp(done * BAR / total, 0, BAR);
        return "[" + String.valueOf(full).repeat(cells) + String.valueOf(empty).repeat(BAR - cells) + "]";
    }

    /** Speed since the first report (bytes already there before do not count) and the time left at that speed. */
    private String speedAndEta(long done, long total, long now) {
        long rate = throughput.bytesPerSecond(now, done);
        long left = Math.max(0, throughput.secondsLeft(now, done, total));
        if (now - throughput.startNanos() < 500_000_000L || rate <= 0) {
            return "";
        }
        String eta = left >= 3600 ? String.format("%d:%02d:%02d", left / 3600, left / 60 % 60, left % 60)
                : String.format("%d:%02d", left / 60, left % 60);
        return "  " + SizeFormat.bytes(rate) + "/s  ETA " + eta;
    }

    /** Takes the bar off the screen, so that a line printed next starts clean; the next report draws it again. */
    synchronized void clear() {
        if (enabled && drawn) {
            err.print("\r\u001b[K");
            err.flush();
            drawn = false;
            lastPercent = -1;
        }
    }

    void finish() {
        clear();
    }
}
