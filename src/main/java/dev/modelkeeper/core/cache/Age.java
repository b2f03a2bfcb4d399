package dev.modelkeeper.core.cache;

import java.time.Duration;
import java.time.Instant;

/**
 * "3 days ago", rounded the way the official {@code hf cache} prints ages: the largest unit whose
 * rounded value stays under the next unit's size.
 *
 * @param value how many units; 0 means "a few seconds"
 * @param unit  the unit
 */
public record Age(long value, Unit unit) {

    /** Age units with their length in seconds and the largest value shown before the next unit. */
    public enum Unit {
        SECOND(1, 60), MINUTE(60, 60), HOUR(3600, 24), DAY(86400, 6), WEEK(604800, 6), MONTH(2629800, 11),
        YEAR(31557600, Long.MAX_VALUE);

        private final long seconds;
        private final long max;

        Unit(long seconds, long max) {
            this.seconds = seconds;
            this.max = max;
        }
    }

    public static Age between(Instant then, Instant now) {
        double delta = Math.max(0, Duration.between(then, now).toMillis() / 1000.0);
        if (delta < 20) {
            return new Age(0, Unit.SECOND);
        }
        for (Unit u : Unit.values()) {
            long value = Math.round(delta / u.seconds);
            if (value <= u.max) {
                return new Age(value, u);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** English, as the official CLI prints it: "a few seconds ago", "1 day ago", "3 weeks ago". */
    public String english() {
        if (value == 0) {
            return "a few seconds ago";
        }
        String name = unit.name().toLowerCase(java.util.Locale.ROOT);
        return value + " " + name + (value > 1 ? "s" : "") + " ago";
    }
}
