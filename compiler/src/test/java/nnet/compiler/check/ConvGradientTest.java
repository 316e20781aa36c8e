package nnet.compiler.check;

import java.util.List;
import java.util.Random;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of conv1d, conv2d, conv_transpose1d and conv_transpose2d over random geometries:
 * kernel sizes, strides, paddings (also "same"), dilations, groups, output paddings, with and without
 * bias, input, weight and bias each an input or a parameter.
 */
class ConvGradientTest {
    private static final int TRIES = 30;

    private static void check(String name, java.util.function.Function<Random, ModelCase> generator) {
        Properties.forAll(name, TRIES, generator, c -> {
            GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE);
            GradientCheck.check(c, false).assertWithin(GradientCheck.TOLERANCE);
        });
    }

    /** One int for every spatial dim, or a list of one each. */
    private static String sizes(Random rnd, int[] values) {
        if (values.length == 1 || values[0] == values[1] && rnd.nextBoolean()) {
            return String.valueOf(values[values.length - 1]);
        }
        return "[" + values[0] + ", " + values[1] + "]";
    }

    private static int[] draw(Random rnd, int spatial, int from, int bound) {
        int[] v = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            v[i] = from + rnd.nextInt(bound);
        }
        return v;
    }

    @Test
    void convolution() {
        check("conv", rnd -> {
            int spatial = 1 + rnd.nextInt(2);
            CaseBuilder b = new CaseBuilder("conv" + spatial + "d", rnd);
            int groups = 1 + rnd.nextInt(2);
            int in = groups * (1 + rnd.nextInt(2));
            int out = groups * (1 + rnd.nextInt(2));
            int[] kernel = draw(rnd, spatial, 1, 3);
            int[] stride = draw(rnd, spatial, 1, 2);
            int[] dilation = draw(rnd, spatial, 1, 2);
            int[] pad = draw(rnd, spatial, 0, 2);
            boolean same = rnd.nextInt(4) == 0;
            if (same) {
                stride = new int[spatial];
                java.util.Arrays.fill(stride, 1);
                for (int i = 0; i < spatial; i++) {
                    kernel[i] = 1 + 2 * rnd.nextInt(2);
                }
            }
            List<String> xs = new java.util.ArrayList<>(List.of(String.valueOf(1 + rnd.nextInt(2)), String.valueOf(in)));
            List<String> ws = new java.util.ArrayList<>(List.of(String.valueOf(out), String.valueOf(in / groups)));
            List<String> ys = new java.util.ArrayList<>(List.of(xs.get(0), String.valueOf(out)));
            for (int i = 0; i < spatial; i++) {
                int span = dilation[i] * (kernel[i] - 1) + 1;
                int size = Math.max(1, span - 2 * pad[i]) + rnd.nextInt(4);
                int p = same ? dilation[i] * (kernel[i] - 1) / 2 : pad[i];
                xs.add(String.valueOf(size));
                ws.add(String.valueOf(kernel[i]));
                ys.add(String.valueOf((size + 2 * p - span) / stride[i] + 1));
            }
            String x = b.operand("x", xs, Values.uniform(-1, 1));
            String w = b.operand("w", ws, Values.uniform(-1, 1));
            StringBuilder call = new StringBuilder("conv" + spatial + "d(" + x + ", " + w);
            if (rnd.nextBoolean()) {
                call.append(", bias = ").append(b.operand("b", List.of(String.valueOf(out)), Values.uniform(-1, 1)));
            }
            call.append(", stride = ").append(sizes(rnd, stride));
            call.append(", padding = ").append(same ? "\"same\"" : sizes(rnd, pad));
            call.append(", dilation = ").append(sizes(rnd, dilation)).append(", groups = ").append(groups).append(')');
            return b.weightedLoss(b.let("y", call.toString()), ys);
        });
    }

    @Test
    void transposedConvolution() {
        check("conv_transpose", rnd -> {
            int spatial = 1 + rnd.nextInt(2);
            CaseBuilder b = new CaseBuilder("conv_transpose" + spatial + "d", rnd);
            int groups = 1 + rnd.nextInt(2);
            int in = groups * (1 + rnd.nextInt(2));
            int out = groups * (1 + rnd.nextInt(2));
            int[] kernel = draw(rnd, spatial, 1, 3);
            int[] stride = draw(rnd, spatial, 1, 2);
            int[] dilation = draw(rnd, spatial, 1, 2);
            int[] pad = new int[spatial];
            int[] outPad = new int[spatial];
            List<String> xs = new java.util.ArrayList<>(List.of(String.valueOf(1 + rnd.nextInt(2)), String.valueOf(in)));
            List<String> ws = new java.util.ArrayList<>(List.of(String.valueOf(in), String.valueOf(out / groups)));
            List<String> ys = new java.util.ArrayList<>(List.of(xs.get(0), String.valueOf(out)));
            for (int i = 0; i < spatial; i++) {
                int size = 1 + rnd.nextInt(3);
                int span = dilation[i] * (kernel[i] - 1) + 1;
                outPad[i] = rnd.nextInt(Math.max(stride[i], dilation[i]));
                int full = (size - 1) * stride[i] + span + outPad[i];
                pad[i] = rnd.nextInt(Math.max(1, (full - 1) / 2 + 1));
                xs.add(String.valueOf(size));
                ws.add(String.valueOf(kernel[i]));
                ys.add(String.valueOf(full - 2 * pad[i]));
            }
            String x = b.operand("x", xs, Values.uniform(-1, 1));
            String w = b.operand("w", ws, Values.uniform(-1, 1));
            StringBuilder call = new StringBuilder("conv_transpose" + spatial + "d(" + x + ", " + w);
            if (rnd.nextBoolean()) {
                call.append(", bias = ").append(b.operand("b", List.of(String.valueOf(out)), Values.uniform(-1, 1)));
            }
            call.append(", stride = ").append(sizes(rnd, stride)).append(", padding = ").append(sizes(rnd, pad));
            call.append(", output_padding = ").append(sizes(rnd, outPad)).append(", groups = ").append(groups);
            call.append(", dilation = ").append(sizes(rnd, dilation)).append(')');
            return b.weightedLoss(b.let("y", call.toString()), ys);
        });
    }
}
