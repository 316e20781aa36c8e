package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnet.runtime.Tensor;

/**
 * What the loss gradient checks share: drawing a reduction and writing it into a call, keeping
 * operand values for a generator that must place a margin away from the kinks they make, and
 * choosing such a margin.
 */
final class LossCases {
    static final String[] REDUCTIONS = {"mean", "sum", "none"};

    private LossCases() {
    }

    static String reduction(Random rnd) {
        return REDUCTIONS[rnd.nextInt(REDUCTIONS.length)];
    }

    /** The reduction as a call writes it: left out one time in two when it is the default. */
    static String argument(Random rnd, String reduction) {
        return reduction.equals("mean") && rnd.nextBoolean() ? "" : ", reduction = \"" + reduction + "\"";
    }

    /** The shape of a loss of elementwise shape {@code shape} under a reduction. */
    static List<String> reduced(String reduction, List<String> shape) {
        return reduction.equals("none") ? shape : List.of();
    }

    /** The shape with its first dim, one time in three, made the run-time dim {@code batch} (bound to its size). */
    static List<String> batched(CaseBuilder b, List<String> shape) {
        if (shape.isEmpty() || b.rnd().nextInt(3) != 0) {
            return shape;
        }
        b.dim("batch", Integer.parseInt(shape.get(0)));
        List<String> out = new ArrayList<>(shape);
        out.set(0, "batch");
        return out;
    }

    /** An input or a parameter as {@link CaseBuilder#operand} draws it, but an input when a dim is a run-time one. */
    static String operand(CaseBuilder b, String name, List<String> shape, Values values) {
        boolean runTime = shape.stream().anyMatch(d -> !Shapes.isStatic(d));
        return runTime ? b.input(name, shape, values) : b.operand(name, shape, values);
    }

    /** Values that remember the last tensor they made, for generators that depend on drawn values. */
    static final class Kept implements Values {
        private final Values values;
        private Tensor last;

        Kept(Values values) {
            this.values = values;
        }

        @Override
        public Tensor make(Random rnd, int[] shape) {
            last = values.make(rnd, shape);
            return last;
        }

        double[] doubles() {
            return last.doubles();
        }
    }

    /**
     * A margin m in [lo, hi] with |m − k| ≥ gap for every kink k, so that a hinge max(0, m − k) is not
     * near its corner for any element; drawn at random, or the best of many draws.
     */
    static double awayFrom(Random rnd, double[] kinks, double lo, double hi, double gap) {
        double best = lo;
        double bestDistance = -1;
        for (int i = 0; i < 200; i++) {
            double m = lo + (hi - lo) * rnd.nextDouble();
            double distance = Double.POSITIVE_INFINITY;
            for (double k : kinks) {
                distance = Math.min(distance, Math.abs(m - k));
            }
            if (distance >= gap) {
                return round(m);
            }
            if (distance > bestDistance) {
                best = m;
                bestDistance = distance;
            }
        }
        return round(best);
    }

    /** Rounded to 4 decimals, as written in the source; kinks are kept further than that apart. */
    private static double round(double m) {
        return Math.round(m * 1e4) / 1e4;
    }

    /** Rows of a [N, D] (or [D]) tensor's values. */
    static List<double[]> rows(double[] values, int width) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i += width) {
            double[] row = new double[width];
            System.arraycopy(values, i, row, 0, width);
            rows.add(row);
        }
        return rows;
    }
}
