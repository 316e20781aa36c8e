package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of max, average and adaptive average pooling over 1 and 2 spatial dims, random
 * windows, strides, paddings and dilations. Max pooling reads distinct values, away from ties.
 */
class PoolGradientTest {
    private static final int TRIES = 30;

    private static void check(String name, java.util.function.Function<Random, ModelCase> generator) {
        Properties.forAll(name, TRIES, generator, c -> {
            GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE);
            GradientCheck.check(c, false).assertWithin(GradientCheck.TOLERANCE);
        });
    }

    private static String sizes(int spatial, int[] v) {
        return spatial == 1 ? String.valueOf(v[1]) : "[" + v[0] + ", " + v[1] + "]";
    }

    private record Geometry(List<String> input, List<String> output, String call) {
    }

    private static Geometry window(Random rnd, String fn, int spatial, boolean dilated) {
        int[] k = new int[2];
        int[] s = new int[2];
        int[] p = new int[2];
        int[] d = {1, 1};
        List<String> in = new ArrayList<>(List.of(String.valueOf(1 + rnd.nextInt(2)), String.valueOf(1 + rnd.nextInt(2))));
        List<String> out = new ArrayList<>(in);
        for (int i = 2 - spatial; i < 2; i++) {
            k[i] = 1 + rnd.nextInt(3);
            s[i] = 1 + rnd.nextInt(2);
            p[i] = rnd.nextInt(k[i] / 2 + 1);
            d[i] = dilated ? 1 + rnd.nextInt(2) : 1;
            int span = d[i] * (k[i] - 1) + 1;
            // At least one window's length, so that no window lies wholly in the padding (where PyTorch's
            // max is -inf).
            int size = span + rnd.nextInt(3);
            in.add(String.valueOf(size));
            out.add(String.valueOf((size + 2 * p[i] - span) / s[i] + 1));
        }
        String call = fn + "(x, " + sizes(spatial, k) + ", stride = " + sizes(spatial, s) + ", padding = " + sizes(spatial, p)
                + (dilated ? ", dilation = " + sizes(spatial, d) : "");
        return new Geometry(in, out, call);
    }

    @Test
    void maxPool() {
        check("max_pool", rnd -> {
            int spatial = 1 + rnd.nextInt(2);
            CaseBuilder b = new CaseBuilder("max_pool" + spatial + "d", rnd);
            Geometry g = window(rnd, "max_pool" + spatial + "d", spatial, true);
            b.operand("x", g.input(), Values.distinct());
            return b.weightedLoss(b.let("y", g.call() + ")"), g.output());
        });
    }

    @Test
    void avgPool() {
        check("avg_pool", rnd -> {
            int spatial = 1 + rnd.nextInt(2);
            CaseBuilder b = new CaseBuilder("avg_pool" + spatial + "d", rnd);
            Geometry g = window(rnd, "avg_pool" + spatial + "d", spatial, false);
            b.operand("x", g.input(), Values.uniform(-2, 2));
            String include = rnd.nextBoolean() ? "" : ", count_include_pad = " + rnd.nextBoolean();
            return b.weightedLoss(b.let("y", g.call() + include + ")"), g.output());
        });
    }

    @Test
    void adaptiveAvgPool() {
        check("adaptive_avg_pool", rnd -> {
            int spatial = 1 + rnd.nextInt(2);
            CaseBuilder b = new CaseBuilder("adaptive_avg_pool" + spatial + "d", rnd);
            List<String> in = new ArrayList<>(List.of("2", String.valueOf(1 + rnd.nextInt(3))));
            List<String> out = new ArrayList<>(in);
            int[] o = new int[2];
            for (int i = 2 - spatial; i < 2; i++) {
                int size = 1 + rnd.nextInt(6);
                o[i] = 1 + rnd.nextInt(size);
                in.add(String.valueOf(size));
                out.add(String.valueOf(o[i]));
            }
            b.operand("x", in, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "adaptive_avg_pool" + spatial + "d(x, " + sizes(spatial, o) + ")"), out);
        });
    }
}
