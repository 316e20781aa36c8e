package nnet.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nnet.compiler.frontend.Frontend;
import nnet.compiler.ir.Graph;
import nnet.compiler.ops.attention.FusedAttention;
import nnet.compiler.source.SourceFile;
import nnet.runtime.Tensor;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * The fused attention kernel against the same definition composed of primitive ops, on random seeded
 * cases (sizes past the kernel's blocks of 64 included): loss, output and every gradient agree to
 * 1e-12 in f64 and 1e-5 in f32, relative to each tensor's largest magnitude. Also which path scaled_dot_product_attention takes, and what a query
 * that sees no key gets.
 */
class FusedAttentionTest {

    private static Runs.Snapshot train(ModelCase c) {
        return Runs.train(Runs.executor(Runs.model(Runs.compile(c, true), c), c, true));
    }

    private static void agree(long seed, int max, boolean f32, double tolerance) {
        ModelCase fused = AttentionCases.seeingKeyZero(AttentionCases.of(seed, true, max));
        ModelCase composed = AttentionCases.seeingKeyZero(AttentionCases.of(seed, false, max));
        if (f32) {
            fused = fused.toF32();
            composed = composed.toF32();
        }
        // Gradients that cancel to 0 (a bias constant along S, any q or k gradient when S = 1) come out
        // as rounding noise of the terms that cancel, which are of order 1: magnitudes count as at least
        // 1e-2 in f64 and 1 in f32, where the fused kernel's D = rowsum(dOut ⊙ out) rounds otherwise
        // than softmax's Σ dy·y.
        List<String> differences = Runs.differences(train(fused), train(composed), tolerance, f32 ? 1 : 1e-2);
        assertThat(differences).as("fused against composed for\n%s", fused).isEmpty();
    }

    @Test
    void fusedAgreesWithComposedInDouble() {
        Properties.forAll("fused = composed (f64)", 40, rnd -> rnd.nextLong(), seed -> agree(seed, 6, false, 1e-12));
    }

    @Test
    void fusedAgreesWithComposedInFloat() {
        Properties.forAll("fused = composed (f32)", 25, rnd -> rnd.nextLong(), seed -> agree(seed, 6, true, 1e-5));
    }

    /** L and S up to 150: several blocks of queries and keys, and partial ones. */
    @Test
    void fusedAgreesWithComposedOverSeveralBlocks() {
        Properties.forAll("fused = composed, large", 8, rnd -> rnd.nextLong(), seed -> {
            agree(seed, 150, false, 1e-12);
            agree(seed, 150, true, 1e-5);
        });
    }

    @Test
    void aBiasTheKernelCannotReachByStridesIsBroadcastFirst() {
        ModelCase fused = AttentionCases.gappedBias(true);
        List<String> differences = Runs.differences(train(fused), train(AttentionCases.gappedBias(false)), 1e-12, 1e-2);
        assertThat(differences).isEmpty();
        GradientCheck.check(fused, true).assertOk();
    }

    /** As in PyTorch, a query whose keys are all masked gets NaN, on both paths; the other rows do not. */
    @Test
    void aWhollyMaskedQueryGetsNaN() {
        for (boolean fused : new boolean[] {true, false}) {
            ModelCase c = AttentionCases.maskedRow(fused);
            Tensor y = Runs.predict(Runs.executor(Runs.model(Runs.compile(c, true), c), c, true)).get("y");
            for (int h = 0; h < 2; h++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double x = y.getDouble((h * 3 + i) * 3 + j);
                        assertThat(Double.isNaN(x)).as("%s y[%d, %d, %d] = %s", fused ? "fused" : "composed", h, i, j, x)
                                .isEqualTo(i == 1);
                    }
                }
            }
        }
    }

    private static long fusedNodes(String call) {
        String source = "model M {\n  input q: f32[batch, 2, 5, 4]\n  input k: f32[batch, 2, 7, 4]\n"
                + "  input v: f32[batch, 2, 7, 3]\n  output y = " + call + "\n  loss = sum(y)\n}\n";
        Graph g = Frontend.compile(new SourceFile("t.nnet", source)).models().get("M").train();
        return g.nodes().stream().filter(n -> n.op() instanceof FusedAttention).count();
    }

    @Test
    void theFusedKernelRunsWhenDropoutIsOff() {
        assertThat(fusedNodes("scaled_dot_product_attention(q, k, v)")).isEqualTo(1);
        assertThat(fusedNodes("scaled_dot_product_attention(q, k, v, is_causal = true)")).isEqualTo(1);
        assertThat(fusedNodes("scaled_dot_product_attention(q, k, v, attn_mask = ones([5, 7], dtype = i32))"))
                .isEqualTo(1);
        assertThat(fusedNodes("scaled_dot_product_attention(q, k, v, dropout_p = 0.1)")).isZero();
        assertThat(fusedNodes("scaled_dot_product_attention(q[:, :1], k, v)")).isZero();
    }
}
