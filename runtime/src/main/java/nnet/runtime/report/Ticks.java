package nnet.runtime.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks at round numbers. Linear axes step by 1, 2, 2.5 or 5 times a power of ten and widen the
 * range to whole steps, so that the axis starts and ends on a labelled tick; logarithmic axes end just
 * beyond the data and tick at powers of ten, adding 2 and 5 between them when the range spans few decades.
 */
final class Ticks {
    private static final double[] STEPS = {1, 2, 2.5, 5, 10};
    /** How far a logarithmic axis reaches beyond the data, as a factor. */
    private static final double LOG_PAD = 1.15;

    private Ticks() {
    }

    /** A range with its tick values; {@code log} when positions are logarithmic. */
    record Axis(double min, double max, List<Double> ticks, boolean log) {
        /** Where v falls between min (0) and max (1). */
        double fraction(double v) {
            return log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min);
        }
    }

    /** About {@code count} ticks covering [lo, hi]. */
    static Axis linear(double lo, double hi, int count) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / Math.max(1, count - 1));
        double first = Math.floor(lo / step + 1e-9) * step;
        double last = Math.ceil(hi / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        long steps = Math.round((last - first) / step);
        for (long i = 0; i <= steps; i++) {
            ticks.add(clean(first + i * step, step));
        }
        return new Axis(ticks.get(0), ticks.get(ticks.size() - 1), ticks, false);
    }

    /**
     * A logarithmic axis a little wider than [lo, hi] (both positive), with ticks at the powers of ten
     * inside it, and at 2 and 5 times them when it spans fewer than three decades.
     */
    static Axis log(double lo, double hi) {
        double min = lo / LOG_PAD;
        double max = hi * LOG_PAD;
        int from = (int) Math.floor(Math.log10(min));
        int to = (int) Math.ceil(Math.log10(max));
        boolean fill = Math.log10(max / min) < 3;
        List<Double> ticks = new ArrayList<>();
        for (int e = from; e <= to; e++) {
            double decade = Math.pow(10, e);
            for (double m : fill ? new double[] {1, 2, 5} : new double[] {1}) {
                double t = clean(m * decade, decade);
                if (t >= min && t <= max) {
                    ticks.add(t);
                }
            }
        }
        return new Axis(min, max, ticks, true);
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double s : STEPS) {
            if (s * magnitude >= raw * (1 - 1e-9)) {
                return s * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A tick value rounded to the precision of its step, so 0.30000000000000004 shows as 0.3. */
    private static double clean(double v, double step) {
        int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(step)));
        return new BigDecimal(v).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    /** "0.25", "1,000", "1e-05": short labels without trailing zeros. */
    static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e-0", "e-");
        }
        String plain = BigDecimal.valueOf(v).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
        return a >= 1000 ? String.format(Locale.ROOT, "%,d", Math.round(v)) : plain;
    }
}
