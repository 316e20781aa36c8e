package nnet.runtime.memory;

import java.util.Locale;

/** Human-readable byte counts in decimal units (1 MB = 10^6 bytes), as "1.23 MB". */
public final class ByteSize {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};

    private ByteSize() {
    }

    /** {@code elements * bytesPerElement} bytes; as a double, since the product may exceed long. */
    public static String format(long elements, int bytesPerElement) {
        double bytes = (double) elements * bytesPerElement;
        if (bytes < 1000) {
            return (long) bytes + " B";
        }
        int unit = 0;
        double scaled = bytes / 1000;
        while (scaled >= 999.995 && unit < UNITS.length - 1) {
            scaled /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", scaled, UNITS[unit]);
    }
}
