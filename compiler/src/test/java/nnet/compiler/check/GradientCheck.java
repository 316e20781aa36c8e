package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nnet.compiler.api.Compilation;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.ParamInfo;

/**
 * Compares the gradients a compiled model computes (its train program, with input gradients) with
 * central finite differences of the loss its evaluate program computes, in f64. For a gradient tensor
 * g and its estimate n the error is max|g − n| / max(max|n|, max|g|, {@link #FLOOR}): relative to the
 * tensor's scale, with a small absolute floor for gradients that are (nearly) zero.
 */
public final class GradientCheck {
    /** The largest error accepted. */
    public static final double TOLERANCE = 1e-6;
    /** Gradients smaller than this are compared absolutely (error ≤ TOLERANCE · FLOOR). */
    public static final double FLOOR = 1e-3;
    /** The step, relative to max(1, |x|). */
    private static final double STEP = 1e-5;

    private GradientCheck() {
    }

    /**
     * The outcome: the error of every gradient tensor, and whether the loss looked non-smooth near the
     * point (estimates with steps h and h/2 disagree: a kink or tie within a step), in which case the
     * comparison says nothing.
     */
    public record Result(ModelCase modelCase, boolean fused, List<Comparison> comparisons, List<String> problems,
                         String nonSmooth) {

        public boolean smooth() {
            return nonSmooth == null;
        }

        public double worst() {
            return comparisons.stream().mapToDouble(Comparison::error).max().orElse(0);
        }

        public void assertOk() {
            assertWithin(TOLERANCE);
        }

        /** Throws an AssertionError naming every gradient whose error exceeds {@code tolerance}. */
        public void assertWithin(double tolerance) {
            List<String> failures = new ArrayList<>(problems);
            if (!smooth()) {
                failures.add("the loss is not smooth at this point: " + nonSmooth);
            }
            for (Comparison c : comparisons) {
                if (!(c.error() <= tolerance)) {
                    failures.add(c.describe());
                }
            }
            if (!failures.isEmpty()) {
                throw new AssertionError((fused ? "fused" : "unfused") + " gradients disagree with finite differences"
                        + " (tolerance " + tolerance + "):\n  " + String.join("\n  ", failures));
            }
        }
    }

    /** One gradient tensor: as computed, as estimated, and the error (at element {@code at}). */
    public record Comparison(String what, Tensor computed, double[] numeric, double error, int at) {
        String describe() {
            return String.format(Locale.ROOT, "%s: error %.3g at [%d]: computed %.12g, finite differences %.12g"
                    + "%n    computed %s%n    numeric  %s", what, error, at, computed.getDouble(at), numeric[at],
                    ModelCase.values(computed), ModelCase.values(Tensor.of(numeric.clone(), computed.shape())));
        }
    }

    public static Result check(ModelCase c, boolean fuse) {
        Compilation compilation = Runs.compile(c, fuse);
        Model model = Runs.model(compilation, c);
        Executor ex = Runs.executor(model, c, true);
        Runs.Snapshot train = Runs.train(ex);
        List<String> failures = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();

        // A model with modes is differentiated in training mode: its loss is the train program's (whose
        // random numbers stay the same until the optimizer steps). Otherwise both programs must agree.
        boolean modes = compilation.compiled(c.model()).modeDependent();
        Loss lossOf = modes ? () -> trainLoss(ex) : () -> lossOf(ex);
        double base = lossOf.get();
        if (!Double.isFinite(base)) {
            failures.add("the loss is " + base);
        } else if (Math.abs(base - train.loss()) > 1e-12 * Math.max(1, Math.abs(base))) {
            failures.add((modes ? "a second train run" : "evaluate") + " gives loss " + base
                    + " but train gives " + train.loss());
        }

        String[] nonSmooth = {null};
        for (Map.Entry<String, Tensor> e : c.inputs().entrySet()) {
            if (!e.getValue().dtype().isFloat()) {
                continue;
            }
            String name = e.getKey();
            Tensor analytic = train.inputGradients().get(name);
            if (analytic == null) {
                failures.add("no input gradient for '" + name + "'");
                continue;
            }
            double[] x = (double[]) ex.inputArray(name);
            double[][] numeric = differences(x.length, i -> x[i], (i, v) -> x[i] = v, lossOf);
            compare("input_grad " + name, analytic, numeric, comparisons, nonSmooth);
        }
        for (ParamInfo p : model.info().params()) {
            if (!p.trainable()) {
                continue;
            }
            Tensor analytic = train.paramGradients().get(p.name());
            Tensor value = model.parameter(p.name());
            double[] w = value.doubles();
            double[][] numeric = differences(w.length, i -> w[i], (i, v) -> {
                w[i] = v;
                model.setParameter(p.name(), value);
            }, lossOf);
            compare("grad " + p.name(), analytic, numeric, comparisons, nonSmooth);
        }
        return new Result(c, fuse, comparisons, failures, nonSmooth[0]);
    }

    private static double lossOf(Executor ex) {
        ex.evaluate();
        return ex.loss();
    }

    private static double trainLoss(Executor ex) {
        ex.gradients();
        return ex.loss();
    }

    private interface Getter {
        double get(int i);
    }

    private interface Setter {
        void set(int i, double v);
    }

    private interface Loss {
        double get();
    }

    /** Central differences with steps h and h/2 for every element: {estimates(h), estimates(h/2)}. */
    private static double[][] differences(int n, Getter get, Setter set, Loss loss) {
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            double x = get.get(i);
            double h = STEP * Math.max(1, Math.abs(x));
            for (int k = 0; k < 2; k++) {
                double step = k == 0 ? h : h / 2;
                set.set(i, x + step);
                double up = loss.get();
                set.set(i, x - step);
                double down = loss.get();
                set.set(i, x);
                // The actual distance between the two points, which may differ from 2·step by rounding.
                out[k][i] = (up - down) / ((x + step) - (x - step));
            }
        }
        return out;
    }

    private static void compare(String what, Tensor analytic, double[][] numeric, List<Comparison> comparisons,
                                String[] nonSmooth) {
        double scale = FLOOR;
        for (int i = 0; i < analytic.size(); i++) {
            scale = Math.max(scale, Math.max(Math.abs(analytic.getDouble(i)), Math.abs(numeric[0][i])));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < analytic.size(); i++) {
            double err = Math.abs(analytic.getDouble(i) - numeric[0][i]) / scale;
            if (!(err <= worst)) {
                worst = err;
                at = i;
            }
            double spread = Math.abs(numeric[0][i] - numeric[1][i]) / scale;
            if (nonSmooth[0] == null && !(spread <= TOLERANCE / 4)) {
                nonSmooth[0] = what + "[" + i + "]: " + numeric[0][i] + " with step h, " + numeric[1][i] + " with h/2";
            }
        }
        comparisons.add(new Comparison(what, analytic, numeric[0], worst, Math.max(at, 0)));
    }
}
