package nnet.runtime.model;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * How a parameter starts, with PyTorch's {@code torch.nn.init} semantics. Fans follow PyTorch: for a
 * shape [out, in, k...], fan_in = in·Πk and fan_out = out·Πk; a rank-1 shape has fan_in = fan_out = its size.
 */
public sealed interface Init extends Serializable {

    /** Fills {@code out} (row-major, of the given shape) with values drawn from {@code rng}. */
    void fill(double[] out, int[] shape, RandomGenerator rng);

    /** The form used in sources and printed summaries, e.g. {@code normal(0, 0.01)}. */
    String describe();

    record Constant(double value) implements Init {
        public void fill(double[] out, int[] shape, RandomGenerator rng) {
            java.util.Arrays.fill(out, value);
        }

        public String describe() {
            return value == 0 ? "zeros" : value == 1 ? "ones" : "constant(" + value + ")";
        }
    }

    record Normal(double mean, double std) implements Init {
        public void fill(double[] out, int[] shape, RandomGenerator rng) {
            for (int i = 0; i < out.length; i++) {
                out[i] = mean + std * rng.nextGaussian();
            }
        }

        public String describe() {
            return "normal(" + mean + ", " + std + ")";
        }
    }

    record Uniform(double low, double high) implements Init {
        public void fill(double[] out, int[] shape, RandomGenerator rng) {
            for (int i = 0; i < out.length; i++) {
                out[i] = low + (high - low) * rng.nextDouble();
            }
        }

        public String describe() {
            return "uniform(" + low + ", " + high + ")";
        }
    }

    /** Glorot: std = gain·sqrt(2/(fan_in+fan_out)); the uniform bound is sqrt(3)·std. */
    record Xavier(boolean uniform, double gain) implements Init {
        public void fill(double[] out, int[] shape, RandomGenerator rng) {
            double std = gain * Math.sqrt(2.0 / (Fans.in(shape) + Fans.out(shape)));
            fillScaled(out, uniform, std, rng);
        }

        public String describe() {
            return (uniform ? "xavier_uniform" : "xavier_normal") + "(gain=" + gain + ")";
        }
    }

    /**
     * He: std = gain/sqrt(fan), gain = sqrt(2/(1+a²)) for leaky_relu with slope a (relu: a = 0);
     * fan is fan_in or fan_out as chosen.
     */
    record Kaiming(boolean uniform, double a, boolean fanIn) implements Init {
        public void fill(double[] out, int[] shape, RandomGenerator rng) {
            double gain = Math.sqrt(2.0 / (1 + a * a));
            double std = gain / Math.sqrt(fanIn ? Fans.in(shape) : Fans.out(shape));
            fillScaled(out, uniform, std, rng);
        }

        public String describe() {
            return (uniform ? "kaiming_uniform" : "kaiming_normal") + "(a=" + a + ", mode="
                    + (fanIn ? "fan_in" : "fan_out") + ")";
        }
    }

    /**
     * Another initialiser with one row (index along the first dim) set to zero afterwards, as
     * torch.nn.Embedding does with the row of its padding_idx.
     */
    record ZeroRow(Init base, int row) implements Init {
        public void fill(double[] out, int[] shape, RandomGenerator rng) {
            base.fill(out, shape, rng);
            int width = out.length / Math.max(1, shape[0]);
            java.util.Arrays.fill(out, row * width, (row + 1) * width, 0.0);
        }

        public String describe() {
            return "zero_row(" + base.describe() + ", " + row + ")";
        }
    }

    private static void fillScaled(double[] out, boolean uniform, double std, RandomGenerator rng) {
        double bound = Math.sqrt(3.0) * std;
        for (int i = 0; i < out.length; i++) {
            out[i] = uniform ? bound * (2 * rng.nextDouble() - 1) : std * rng.nextGaussian();
        }
    }

    /** Fan computations shared by the scaled initialisers. */
    final class Fans {
        private Fans() {
        }

        static double in(int[] shape) {
            return shape.length < 2 ? Math.max(1, count(shape)) : (double) shape[1] * receptive(shape);
        }

        static double out(int[] shape) {
            return shape.length < 2 ? Math.max(1, count(shape)) : (double) shape[0] * receptive(shape);
        }

        private static double receptive(int[] shape) {
            double r = 1;
            for (int i = 2; i < shape.length; i++) {
                r *= shape[i];
            }
            return r;
        }

        private static double count(int[] shape) {
            double n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }
}
