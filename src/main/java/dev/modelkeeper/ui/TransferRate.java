package dev.modelkeeper.ui;

import dev.modelkeeper.ui.content.Formats;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.LongSupplier;

/** "120 MB of 3.4 GB · 45 MB/s · 1 min left" for a running transfer. Thread-safe enough for progress lines. */
public final class TransferRate {

    private final ResourceBundle texts;
    private final LongSupplier nanoClock;
    private final dev.modelkeeper.core.task.Throughput throughput;

    public TransferRate(ResourceBundle texts, LongSupplier nanoClock) {
        this(texts, nanoClock, 0);
    }

    /** For a resumed transfer: {@code alreadyDone} bytes were there before it started and do not count as speed. */
    public TransferRate(ResourceBundle texts, LongSupplier nanoClock, long alreadyDone) {
        this.texts = texts;
        this.nanoClock = nanoClock;
        this.throughput = new dev.modelkeeper.core.task.Throughput(nanoClock.getAsLong(), alreadyDone);
    }

    public String describe(long done, long total) {
        long now = nanoClock.getAsLong();
        long speed = throughput.bytesPerSecond(now, done);
        if (total <= 0) { // not known (yet): show only what is
            return MessageFormat.format(texts.getString("jobs.progress.noTotal"), Formats.size(done),
                    Formats.size(speed));
        }
        long seconds = throughput.secondsLeft(now, done, total);
        String left = seconds < 0 ? "" : remaining(seconds);
        return MessageFormat.format(texts.getString("jobs.progress"), Formats.size(done), Formats.size(total),
                Formats.size(speed), left).strip();
    }

    /** "5 s", "12 min", "2 h 4 min": never more than 59 minutes in the minutes. */
    private String remaining(long seconds) {
        if (seconds >= 3600) {
            return MessageFormat.format(texts.getString("jobs.left.hours"), seconds / 3600, seconds % 3600 / 60);
        }
        return seconds >= 60 ? MessageFormat.format(texts.getString("jobs.left.minutes"), (seconds + 59) / 60)
                : MessageFormat.format(texts.getString("jobs.left.seconds"), Math.max(1, seconds));
    }
}
