package nnet.compiler.check;

import static nnet.compiler.check.Shapes.axis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnet.runtime.DType;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of the reductions other than sum, mean, var and max (f64, against finite
 * differences), over random shapes, dims (one or several, written either way round), keepdim and
 * arguments. Extremes are checked away from ties, which the exact tests cover.
 */
class ReductionGradientTest {

    /** Some dims of a shape of rank ≥ 1, as axes (in random order) and as written in a source. */
    record Dims(List<Integer> axes, String written) {
    }

    private static Dims someDims(Random rnd, int rank, boolean listAllowed) {
        List<Integer> axes = new ArrayList<>(Shapes.permutation(rnd, rank).subList(0, 1 + rnd.nextInt(rank)));
        List<String> written = new ArrayList<>();
        for (int a : axes) {
            written.add(axis(rnd, a, rank));
        }
        boolean single = axes.size() == 1 && (!listAllowed || rnd.nextBoolean());
        return new Dims(axes, single ? written.get(0) : "[" + String.join(", ", written) + "]");
    }

    private static String keepArg(Random rnd, boolean keep) {
        return !keep && rnd.nextBoolean() ? "" : rnd.nextBoolean() ? ", " + keep : ", keepdim = " + keep;
    }

    @Test
    void logsumexp() {
        OpGradientTest.check("logsumexp", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("logsumexp", rnd);
            List<String> s = OpGradientTest.shape(rnd, 1, 4);
            String x = b.operand("x", s, Values.uniform(-3, 3));
            // Large values too: the kernel must not overflow where e^x does.
            String in = rnd.nextInt(4) == 0 ? x + " + 710" : x;
            Dims d = someDims(rnd, s.size(), true);
            boolean keep = rnd.nextBoolean();
            String y = b.let("y", "logsumexp(" + in + ", " + d.written() + keepArg(rnd, keep) + ")");
            return b.weightedLoss(y, Shapes.reduce(s, d.axes(), keep));
        }, GradientCheck.TOLERANCE);
    }

    /** min over all elements or along one dim, mirroring OpGradientTest's max. */
    @Test
    void min() {
        OpGradientTest.check("min", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("min", rnd);
            List<String> s = OpGradientTest.shape(rnd, 0, 4);
            String x = b.operand("x", s, Values.distinct());
            if (s.isEmpty() || rnd.nextInt(4) == 0) {
                return b.weightedLoss(b.let("y", "min(" + x + ")"), List.of());
            }
            int a = rnd.nextInt(s.size());
            boolean keep = rnd.nextBoolean();
            String y = b.let("y", "min(" + x + ", " + axis(rnd, a, s.size()) + keepArg(rnd, keep) + ")");
            return b.weightedLoss(y, Shapes.reduce(s, List.of(a), keep));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void amaxAndAmin() {
        OpGradientTest.check("amax/amin", 80, rnd -> {
            String fn = rnd.nextBoolean() ? "amax" : "amin";
            CaseBuilder b = new CaseBuilder(fn, rnd);
            List<String> s = OpGradientTest.shape(rnd, 0, 4);
            String x = b.operand("x", s, Values.distinct());
            if (s.isEmpty() || rnd.nextInt(4) == 0) {
                String all = rnd.nextBoolean() ? "" : ", []";
                return b.weightedLoss(b.let("y", fn + "(" + x + all + ")"), List.of());
            }
            Dims d = someDims(rnd, s.size(), true);
            boolean keep = rnd.nextBoolean();
            String args = rnd.nextBoolean() ? ", dim = " + d.written() + ", keepdim = " + keep
                    : ", " + d.written() + keepArg(rnd, keep);
            String y = b.let("y", fn + "(" + x + args + ")");
            return b.weightedLoss(y, Shapes.reduce(s, d.axes(), keep));
        }, GradientCheck.TOLERANCE);
    }

    /**
     * A product is multilinear, so finite differences are exact even where elements are 0: one value in
     * five is 0, so rows with one zero and with several occur.
     */
    @Test
    void prod() {
        Values someZeros = Values.each(r -> r.nextInt(5) == 0 ? 0
                : (r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble()));
        OpGradientTest.check("prod", 80, rnd -> {
            CaseBuilder b = new CaseBuilder("prod", rnd);
            List<String> s = OpGradientTest.shape(rnd, 0, 4);
            String x = b.operand("x", s, someZeros);
            if (s.isEmpty() || rnd.nextInt(4) == 0) {
                return b.weightedLoss(b.let("y", "prod(" + x + ")"), List.of());
            }
            int a = rnd.nextInt(s.size());
            boolean keep = rnd.nextBoolean();
            String y = b.let("y", "prod(" + x + ", " + axis(rnd, a, s.size()) + keepArg(rnd, keep) + ")");
            return b.weightedLoss(y, Shapes.reduce(s, List.of(a), keep));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void cumsum() {
        OpGradientTest.check("cumsum", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("cumsum", rnd);
            List<String> s = OpGradientTest.shape(rnd, 1, 4);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String dim = (rnd.nextBoolean() ? "dim = " : "") + axis(rnd, rnd.nextInt(s.size()), s.size());
            return b.weightedLoss(b.let("y", "cumsum(" + x + ", " + dim + ")"), s);
        }, GradientCheck.TOLERANCE);
    }

    /** Magnitudes at least 0.06 apart and at least 0.08 from 0, with random signs: |x| has no near-ties. */
    private static Values distinctMagnitudes() {
        return (rnd, shape) -> {
            Tensor t = Tensor.zeros(DType.F64, shape);
            double[] d = t.doubles();
            List<Integer> order = Shapes.permutation(rnd, d.length);
            for (int i = 0; i < d.length; i++) {
                double magnitude = (order.get(i) + 1) * 0.1 + (rnd.nextDouble() - 0.5) * 0.04;
                d[i] = rnd.nextBoolean() ? magnitude : -magnitude;
            }
            return t;
        };
    }

    @Test
    void norm() {
        List<String> ps = List.of("1", "2", "3", "0.5", "1.5", "\"fro\"", "\"inf\"");
        OpGradientTest.check("norm", 100, rnd -> {
            String p = ps.get(rnd.nextInt(ps.size()));
            CaseBuilder b = new CaseBuilder("norm p=" + p, rnd);
            List<String> s = OpGradientTest.shape(rnd, 0, 4);
            Values values = p.equals("\"inf\"") ? distinctMagnitudes() : Values.awayFromZero(0.1, 2);
            String x = b.operand("x", s, values);
            String pArg = p.equals("2") && rnd.nextBoolean() ? "" : (rnd.nextBoolean() ? ", p = " : ", ") + p;
            if (s.isEmpty() || rnd.nextInt(4) == 0) {
                return b.weightedLoss(b.let("y", "norm(" + x + pArg + ")"), List.of());
            }
            Dims d = someDims(rnd, s.size(), true);
            boolean keep = rnd.nextBoolean();
            String y = b.let("y", "norm(" + x + ", " + p + ", dim = " + d.written() + ", keepdim = " + keep + ")");
            return b.weightedLoss(y, Shapes.reduce(s, d.axes(), keep));
        }, GradientCheck.TOLERANCE);
    }
}
