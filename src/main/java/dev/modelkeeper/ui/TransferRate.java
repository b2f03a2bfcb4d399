package dev.modelkeeper.ui;

import dev.modelkeeper.ui.content.Formats;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.LongSupplier;

/** "120 MB of 3.4 GB · 45 MB/s · 1 min left" for a running transfer. Thread-safe enough for progress lines. */
public final class TransferRate {

    private final ResourceBundle texts;
    private final LongSupplier nanoClock;
    private final long started;

    public TransferRate(ResourceBundle texts, LongSupplier nanoClock) {
        this.texts = texts;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    public String describe(long done, long total) {
        double seconds = Math.max(1e-3, (nanoClock.getAsLong() - started) / 1e9);
        long speed = (long) (done / seconds);
        if (total <= 0) { // not known (yet): show only what is
            return MessageFormat.format(texts.getString("jobs.progress.noTotal"), Formats.size(done),
                    Formats.size(speed));
        }
        String left = done <= 0 || total <= done ? "" : remaining((long) ((total - done) / (double) Math.max(1, speed)));
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
