package dev.modelkeeper.core.cache;

import java.util.Locale;

/** Sizes formatted the way the official {@code hf cache} does: decimal units, one decimal ({@code 42.2K}). */
public final class SizeFormat {

    private static final String[] UNITS = {"", "K", "M", "G", "T", "P", "E", "Z"};

    private SizeFormat() {
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
