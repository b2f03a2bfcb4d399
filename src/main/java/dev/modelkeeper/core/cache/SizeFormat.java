package dev.modelkeeper.core.cache;

import java.util.Locale;

/**
 * Sizes for people: {@link #bytes} everywhere ModelKeeper writes a sentence or a label ({@code 117 B},
 * {@code 42.2 kB}, {@code 1.3 GB}: decimal units, always with a unit), and {@link #human} only where the
 * official {@code hf cache} output is reproduced ({@code 42.2K}).
 */
public final class SizeFormat {

    private static final String[] UNITS = {"", "K", "M", "G", "T", "P", "E", "Z"};

    private SizeFormat() {
    }

    private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    /** {@code 117} gives {@code 117 B}, {@code 1234567} gives {@code 1.2 MB}. */
    public static String bytes(long bytes) {
        double v = bytes;
        int u = 0;
        while (Math.abs(v) >= 1000 && u < BYTE_UNITS.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, BYTE_UNITS[u]);
    }

    /** {@code 1234567} gives {@code 1.2M}; same rounding as Python's {@code f"{n:3.1f}"}. */
    public static String human(long bytes) {
        double value = bytes;
        for (String unit : UNITS) {
            if (Math.abs(value) < 1000.0) {
                return String.format(Locale.ROOT, "%.1f%s", value, unit);
            }
            value /= 1000.0;
        }
        return String.format(Locale.ROOT, "%.1fY", value);
    }
}
