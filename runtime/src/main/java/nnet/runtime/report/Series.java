package nnet.runtime.report;

import java.util.ArrayList;
import java.util.List;

/** A named line of a plot: its points (x, y), colour and how it is drawn. */
record Series(String name, String color, List<double[]> points, Style style) {

    enum Style {
        /** Thin and pale, behind the others: raw per-step values. */
        FAINT,
        /** A plain line. */
        LINE,
        /** Dots at each point, joined by a line. */
        MARKERS,
        /** Dots joined by a dashed line: validation figures. */
        DASHED
    }

    /** Points whose y is finite (and positive on a logarithmic axis), the only ones that can be drawn. */
    List<double[]> drawable(boolean log) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : points) {
            if (Double.isFinite(p[1]) && (!log || p[1] > 0)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * At most about {@code max} of the points, evenly spaced, always keeping the last: a plot 600 pixels
     * wide shows no more, and a long run's file stays small.
     */
    static List<double[]> thinned(List<double[]> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        int every = (points.size() + max - 1) / max;
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i += every) {
            out.add(points.get(i));
        }
        if ((points.size() - 1) % every != 0) {
            out.add(points.get(points.size() - 1));
        }
        return out;
    }

    /**
     * An exponential moving average with the start-up bias removed (as TensorBoard's smoothing), so
     * that the first values are not pulled toward 0; {@code weight} is the share of the past.
     */
    static List<double[]> smoothed(List<double[]> points, double weight) {
        List<double[]> out = new ArrayList<>();
        double avg = 0;
        int n = 0;
        for (double[] p : points) {
            if (!Double.isFinite(p[1])) {
                continue;
            }
            n++;
            avg = weight * avg + (1 - weight) * p[1];
            out.add(new double[] {p[0], avg / (1 - Math.pow(weight, n))});
        }
        return out;
    }
}
