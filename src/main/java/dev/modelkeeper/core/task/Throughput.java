package dev.modelkeeper.core.task;

/**
 * Speed and time left of a transfer, the one computation behind the window's job line and the command
 * line's progress bar (each formats it its own way). Counts from a starting point, so bytes that were
 * already there when the transfer resumed do not inflate the speed.
 *
 * @param startNanos when counting began ({@link System#nanoTime()} or a test clock)
 * @param startBytes bytes already done at that moment
 */
public record Throughput(long startNanos, long startBytes) {

    /** Bytes per second since the start; 0 before any time has passed or any byte moved. */
    public long bytesPerSecond(long nowNanos, long done) {
        double seconds = (nowNanos - startNanos) / 1e9;
        long moved = done - startBytes;
        return seconds <= 0 || moved <= 0 ? 0 : (long) (moved / seconds);
    }

    /** Seconds until {@code total} at the current speed; -1 when it cannot be told (no speed, no total). */
    public long secondsLeft(long nowNanos, long done, long total) {
        long speed = bytesPerSecond(nowNanos, done);
        return speed <= 0 || total <= 0 || done >= total ? -1 : (total - done) / speed;
    }
}
