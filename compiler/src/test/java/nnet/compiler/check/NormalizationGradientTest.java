package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of the normalisations, functional and as nn modules, over random shapes and
 * arguments. Batch norm in training mode normalises with the batch's statistics, so its gradient flows
 * through them; the train program's loss is what the finite differences take. A large eps keeps groups
 * of nearly equal values from making the problem so ill-conditioned that finite differences fail.
 */
class NormalizationGradientTest {
    private static final int TRIES = 20;

    private static void check(String name, java.util.function.Function<java.util.Random, ModelCase> generator) {
        Properties.forAll(name, TRIES, generator, c -> {
            GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE);
            GradientCheck.check(c, false).assertWithin(GradientCheck.TOLERANCE);
        });
    }

    private static List<String> shape(java.util.Random rnd, int rank) {
        return Shapes.random(rnd, rank, 4);
    }

    @Test
    void layerNorm() {
        check("layer_norm", rnd -> {
            CaseBuilder b = new CaseBuilder("layer_norm", rnd).importNn();
            List<String> s = shape(rnd, 1 + rnd.nextInt(3));
            s.set(s.size() - 1, String.valueOf(2 + rnd.nextInt(4)));
            String x = b.operand("x", s, Values.uniform(-2, 2));
            int k = 1 + rnd.nextInt(s.size());
            String dims = "[" + String.join(", ", s.subList(s.size() - k, s.size())) + "]";
            String call = rnd.nextBoolean() ? "layer_norm(" + x + ", " + dims + ", eps = 0.01)"
                    : "nn.layer_norm(" + x + ", " + dims + ", eps = 0.01) as ln";
            return b.weightedLoss(b.let("y", call), s);
        });
    }

    @Test
    void rmsNorm() {
        check("rms_norm", rnd -> {
            CaseBuilder b = new CaseBuilder("rms_norm", rnd);
            List<String> s = shape(rnd, 1 + rnd.nextInt(3));
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "rms_norm(" + x + ", [" + s.get(s.size() - 1) + "], eps = 0.01)"), s);
        });
    }

    @Test
    void groupNorm() {
        check("group_norm", rnd -> {
            CaseBuilder b = new CaseBuilder("group_norm", rnd);
            int groups = 1 + rnd.nextInt(3);
            List<String> s = new ArrayList<>(List.of(String.valueOf(1 + rnd.nextInt(3)),
                    String.valueOf(groups * (1 + rnd.nextInt(2)))));
            s.addAll(shape(rnd, rnd.nextInt(3)));
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "group_norm(" + x + ", " + groups + ", eps = 0.01)"), s);
        });
    }

    @Test
    void normModules() {
        check("nn.group_norm/nn.rms_norm", rnd -> {
            CaseBuilder b = new CaseBuilder("nn norms", rnd).importNn();
            List<String> s = new ArrayList<>(List.of("2", "4"));
            s.addAll(shape(rnd, 1 + rnd.nextInt(2)));
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String call = rnd.nextBoolean() ? "nn.group_norm(" + x + ", 2, eps = 0.01) as gn"
                    : "nn.rms_norm(" + x + ", eps = 0.01) as rms";
            return b.weightedLoss(b.let("y", call), s);
        });
    }

    /** Checked in training mode, where the channel masks stay fixed until the optimizer steps. */
    @Test
    void channelDropout() {
        check("dropout2d", rnd -> {
            CaseBuilder b = new CaseBuilder("dropout2d", rnd);
            List<String> s = shape(rnd, 3 + rnd.nextInt(2));
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "dropout2d(" + x + ", " + rnd.nextInt(3) * 0.25 + ") * 2"), s);
        });
    }

    @Test
    void batchNormInTraining() {
        check("batch_norm", rnd -> {
            CaseBuilder b = new CaseBuilder("batch_norm", rnd).importNn();
            int rank = 2 + rnd.nextInt(3);
            List<String> s = shape(rnd, rank);
            s.set(0, String.valueOf(2 + rnd.nextInt(3)));
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String fn = rank == 4 ? "batch_norm2d" : rank == 3 || rnd.nextBoolean() ? "batch_norm1d" : "batch_norm";
            fn = rank == 2 && rnd.nextBoolean() ? "batch_norm1d" : fn;
            String affine = ", eps = 0.01" + (rnd.nextBoolean() ? "" : ", affine = false");
            return b.weightedLoss(b.let("y", "nn." + fn + "(" + x + affine + ") as bn"), s);
        });
    }
}
