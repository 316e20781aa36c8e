package nnet.compiler.check;

import java.util.Random;
import nnet.runtime.DType;
import nnet.runtime.Tensor;

/**
 * How generated tensors are filled. Gradient checks need values away from kinks and domain edges:
 * relu and abs away from 0, log and sqrt away from 0, max without near-ties, and so on.
 */
public interface Values {

    /** Fills a tensor of the given (bound) shape. */
    Tensor make(Random rnd, int[] shape);

    /** Each element on its own. */
    interface Element {
        double next(Random rnd);
    }

    static Values each(Element e) {
        return (rnd, shape) -> {
            Tensor t = Tensor.zeros(DType.F64, shape);
            double[] d = t.doubles();
            for (int i = 0; i < d.length; i++) {
                d[i] = e.next(rnd);
            }
            return t;
        };
    }

    static Values uniform(double lo, double hi) {
        return each(rnd -> lo + (hi - lo) * rnd.nextDouble());
    }

    /** Magnitude in [lo, hi], either sign. */
    static Values awayFromZero(double lo, double hi) {
        return each(rnd -> (rnd.nextBoolean() ? 1 : -1) * (lo + (hi - lo) * rnd.nextDouble()));
    }

    /** Standard normal values, as parameters start. */
    static Values normal() {
        return each(Random::nextGaussian);
    }

    /**
     * All elements at least 0.06 apart (and at least 0.03 from 0): distinct grid points 0.1 apart in a
     * random order, each moved by at most 0.02, so maxima have no near-ties.
     */
    static Values distinct() {
        return (rnd, shape) -> {
            Tensor t = Tensor.zeros(DType.F64, shape);
            double[] d = t.doubles();
            java.util.List<Integer> order = Shapes.permutation(rnd, d.length);
            for (int i = 0; i < d.length; i++) {
                d[i] = (order.get(i) - d.length / 2 + 0.5) * 0.1 + (rnd.nextDouble() - 0.5) * 0.04;
            }
            return t;
        };
    }

    /**
     * Values on one of two interleaved grids (odd or even multiples of 0.1, moved by at most 0.02): any
     * element of one grid is at least 0.06 from any element of the other, so elementwise maximum and
     * minimum of a tensor from each have no near-ties, whatever the broadcasting pairs.
     */
    static Values grid(boolean odd) {
        return each(rnd -> (2 * (rnd.nextInt(21) - 10) + (odd ? 1 : 0)) * 0.1 + (rnd.nextDouble() - 0.5) * 0.04);
    }

    /** Class indices in [0, classes). */
    static Tensor labels(Random rnd, int[] shape, int classes) {
        Tensor t = Tensor.zeros(DType.I32, shape);
        int[] d = t.ints();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(classes);
        }
        return t;
    }
}
