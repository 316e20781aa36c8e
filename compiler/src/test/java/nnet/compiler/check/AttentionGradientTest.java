package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of attention and what Transformers are built from, over random shapes in f64:
 * scaled_dot_product_attention without a mask, causal, with boolean and additive masks (each query keeps
 * at least one key) and grouped-query heads; nn.multihead_attention with a padding mask; rotary
 * positions; a GPT-2 block; and a mixture of experts, whose routing is constant away from ties of the
 * gate's scores (random scores have none within the finite differences' step).
 */
class AttentionGradientTest {
    private static final int TRIES = 15;

    private static void check(String name, Function<Random, ModelCase> generator) {
        Properties.forAll(name, TRIES, generator, c -> {
            GradientCheck.check(c, true).assertWithin(GradientCheck.TOLERANCE);
            GradientCheck.check(c, false).assertWithin(GradientCheck.TOLERANCE);
        });
    }

    private static String n(int v) {
        return String.valueOf(v);
    }

    @Test
    void scaledDotProductAttention() {
        check("scaled_dot_product_attention", rnd -> {
            CaseBuilder b = new CaseBuilder("sdpa", rnd);
            List<String> lead = Shapes.random(rnd, rnd.nextInt(3), 3);
            int l = 1 + rnd.nextInt(5);
            int s = 1 + rnd.nextInt(5);
            int e = 1 + rnd.nextInt(4);
            int ev = 1 + rnd.nextInt(4);
            String q = b.operand("q", concat(lead, l, e), Values.uniform(-1.5, 1.5));
            String k = b.operand("k", concat(lead, s, e), Values.uniform(-1.5, 1.5));
            String v = b.operand("v", concat(lead, s, ev), Values.uniform(-2, 2));
            String extra = switch (rnd.nextInt(4)) {
                case 0 -> "";
                case 1 -> ", is_causal = true";
                case 2 -> ", " + b.let("mask", "maximum(" + b.labels("m", Shapes.of(l, s), 2) + ", arange(" + s + ") == 0)");
                default -> ", " + b.input("bias", Shapes.of(l, s), Values.uniform(-1, 1)) + ", scale = 0.7";
            };
            return b.weightedLoss(b.let("y", "scaled_dot_product_attention(" + q + ", " + k + ", " + v + extra + ")"),
                    concat(lead, l, ev));
        });
    }

    @Test
    void groupedQueryAttention() {
        check("scaled_dot_product_attention(enable_gqa)", rnd -> {
            CaseBuilder b = new CaseBuilder("gqa", rnd);
            int groups = 1 + rnd.nextInt(2);
            int kvHeads = 1 + rnd.nextInt(2);
            int l = 1 + rnd.nextInt(4);
            int s = 1 + rnd.nextInt(4);
            String q = b.operand("q", Shapes.of(2, groups * kvHeads, l, 3), Values.uniform(-1.5, 1.5));
            String k = b.operand("k", Shapes.of(2, kvHeads, s, 3), Values.uniform(-1.5, 1.5));
            String v = b.operand("v", Shapes.of(2, kvHeads, s, 2), Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "scaled_dot_product_attention(" + q + ", " + k + ", " + v
                    + ", enable_gqa = true)"), Shapes.of(2, groups * kvHeads, l, 2));
        });
    }

    @Test
    void multiheadAttention() {
        check("nn.multihead_attention", rnd -> {
            CaseBuilder b = new CaseBuilder("mha", rnd).importNn();
            int heads = 1 + rnd.nextInt(2);
            int e = heads * (1 + rnd.nextInt(2));
            int t = 2 + rnd.nextInt(3);
            String x = b.input("x", Shapes.of(2, t, e), Values.uniform(-1.5, 1.5));
            String padding = b.let("padding", "arange(" + t + ") >= " + b.labels("keep", Shapes.of(2, 1), t - 1)
                    + " + 1");
            b.statement("y, _ = nn.multihead_attention(" + x + ", " + x + ", " + x + ", " + heads
                    + ", batch_first = true, key_padding_mask = " + padding + ", need_weights = false) as attn");
            return b.weightedLoss("y", Shapes.of(2, t, e));
        });
    }

    @Test
    void rotaryPositions() {
        check("rotary", rnd -> {
            CaseBuilder b = new CaseBuilder("rotary", rnd);
            List<String> s = concat(Shapes.random(rnd, rnd.nextInt(2), 3), 1 + rnd.nextInt(4), 2 * (1 + rnd.nextInt(3)));
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "rotary(" + x + ", start = " + rnd.nextInt(5) + ")"), s);
        });
    }

    @Test
    void gptBlock() {
        check("nn.gpt_block", rnd -> {
            CaseBuilder b = new CaseBuilder("gpt_block", rnd).importNn();
            int heads = 1 + rnd.nextInt(2);
            List<String> s = Shapes.of(1 + rnd.nextInt(2), 1 + rnd.nextInt(3), 2 * heads);
            String x = b.input("x", s, Values.uniform(-1.5, 1.5));
            b.statement("y, _, _ = nn.gpt_block(" + x + ", " + heads + ") as block");
            return b.weightedLoss("y", s);
        });
    }

    @Test
    void mixtureOfExperts() {
        check("nn.moe", rnd -> {
            CaseBuilder b = new CaseBuilder("moe", rnd).importNn();
            int experts = 2 + rnd.nextInt(3);
            int topK = 1 + rnd.nextInt(experts);
            List<String> s = Shapes.of(1 + rnd.nextInt(4), 2 + rnd.nextInt(2));
            String x = b.input("x", s, Values.uniform(-1.5, 1.5));
            b.statement("y, aux, load = nn.moe(" + x + ", " + experts + ", top_k = " + topK + ", hidden = 3) as moe");
            String r = b.input("r", s, Values.uniform(-1, 1));
            return b.build("sum(y * " + r + ") + 0.3 * aux");
        });
    }

    private static List<String> concat(List<String> lead, int... dims) {
        List<String> out = new ArrayList<>(lead);
        for (int d : dims) {
            out.add(n(d));
        }
        return out;
    }
}
