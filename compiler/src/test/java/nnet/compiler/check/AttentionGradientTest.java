package nnet.compiler.check;

import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks (central finite differences, f64) of scaled_dot_product_attention on its fused
 * kernel, with and without fusion of the ops around it: no mask, causal, float biases (learned ones
 * included, whose gradient is the score gradient summed over the dims they broadcast along) and boolean
 * masks, over leading dims of rank 0 to 2, L ≠ S, Ev ≠ E and S = 1.
 */
class AttentionGradientTest {
    private static final int TRIES = 30;

    @Test
    void fusedAttentionGradients() {
        Properties.forAll("fused attention gradients", TRIES,
                rnd -> AttentionCases.seeingKeyZero(AttentionCases.of(rnd.nextLong(), true, 4)), c -> {
                    GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE);
                    GradientCheck.check(c, false).assertWithin(GradientCheck.TOLERANCE);
                });
    }

    /** The composed definition the fused kernel is compared with, checked the same way. */
    @Test
    void composedAttentionGradients() {
        Properties.forAll("composed attention gradients", TRIES / 3,
                rnd -> AttentionCases.seeingKeyZero(AttentionCases.of(rnd.nextLong(), false, 4)),
                c -> GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE));
    }
}
