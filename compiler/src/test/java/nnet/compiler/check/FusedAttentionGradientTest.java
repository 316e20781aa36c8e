package nnet.compiler.check;

import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks (central finite differences, f64) of scaled_dot_product_attention on its fused
 * kernel, with and without fusion of the ops around it: no mask, causal, float biases (learned ones
 * included, whose gradient is the score gradient summed over the dims they broadcast along) and boolean
 * masks, over leading dims of rank 0 to 2, L ≠ S, Ev ≠ E and S = 1.
 */
class FusedAttentionGradientTest {
    private static final int TRIES = 30;

    @Test
    void fusedAttentionGradients() {
        Properties.forAll("fused attention gradients", TRIES,
                rnd -> AttentionCases.seeingKeyZero(AttentionCases.of(rnd.nextLong(), true, 4)), c -> {
                    GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE);
                    GradientCheck.check(c, false).assertWithin(GradientCheck.TOLERANCE);
                });
    }

    /**
     * Attention in a scan's step (a decoder attending to a memory): the body is differentiated without
     * the saved log-sum-exp, which the backward step then recomputes.
     */
    @Test
    void attentionInsideALoop() {
        Properties.forAll("attention in a scan", 6, rnd -> {
            CaseBuilder b = new CaseBuilder("attention in a scan", rnd);
            b.function("""
                    fn step(x, h, mem, causal: bool) {
                      a = scaled_dot_product_attention(unsqueeze(h, 1), mem, mem, is_causal = causal)
                      h = tanh(x + squeeze(a, 1))
                      return h, h
                    }""");
            String xs = b.input("xs", Shapes.of(2, 3, 4), Values.uniform(-1, 1));
            String mem = b.operand("mem", Shapes.of(2, 1 + rnd.nextInt(4), 4), Values.uniform(-1.5, 1.5));
            String h0 = b.param("h0", Shapes.of(2, 4), Values.uniform(-1, 1));
            b.statement("h_n, hs = scan(step, " + xs + ", " + h0 + ", extra = (" + mem + ", " + rnd.nextBoolean()
                    + "), dim = 1)");
            return b.weightedLoss("hs", Shapes.of(2, 3, 4));
        }, c -> GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE));
    }

    /** The composed definition the fused kernel is compared with, checked the same way. */
    @Test
    void composedAttentionGradients() {
        Properties.forAll("composed attention gradients", TRIES / 3,
                rnd -> AttentionCases.seeingKeyZero(AttentionCases.of(rnd.nextLong(), false, 4)),
                c -> GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE));
    }
}
