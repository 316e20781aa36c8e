package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnet.runtime.Tensor;

/**
 * Random attention problems, each written twice from the same draws: once with the prelude's
 * scaled_dot_product_attention (dropout off: the fused kernel), once with {@link #REFERENCE}, the same
 * definition composed of primitive ops (the scores, masks, softmax and product as separate kernels).
 * Leading dims of rank 0 to 2, L ≠ S, Ev ≠ E and S = 1 come up; masks are none, causal, a float bias
 * (an input or a learned parameter) or a boolean i32 mask, broadcasting from any shape. Boolean masks
 * let every query see key 0, so that no row is wholly masked (see {@link #maskedRow} for that case).
 */
final class AttentionCases {
    static final String REFERENCE = """
            fn reference(query, key, value, attn_mask = [], is_causal: bool = false) {
              scores = (query @ transpose(key, -2, -1)) * (1 / sqrt(dim(query, -1)))
              if is_causal {
                scores = masked_fill(scores, tril(ones([dim(query, -2), dim(key, -2)], dtype = i32)) == 0,
                                     float("-inf"))
              }
              if is_tensor(attn_mask) {
                if is_floating_point(attn_mask) {
                  scores = scores + attn_mask
                } else {
                  scores = masked_fill(scores, attn_mask == 0, float("-inf"))
                }
              }
              return softmax(scores, -1) @ value
            }""";

    enum Mask { NONE, CAUSAL, BIAS, BOOLEAN }

    private AttentionCases() {
    }

    /** A case of sizes up to {@code max} (L and S), fused or written with the reference. */
    static ModelCase of(long seed, boolean fused, int max) {
        Random rnd = new Random(seed);
        CaseBuilder b = new CaseBuilder(fused ? "fused attention" : "composed attention", rnd);
        b.function(REFERENCE);
        List<String> lead = Shapes.random(rnd, rnd.nextInt(3), 3);
        int l = 1 + rnd.nextInt(max);
        int s = rnd.nextInt(4) == 0 ? 1 : 1 + rnd.nextInt(max);
        int e = 1 + rnd.nextInt(4);
        int ev = 1 + rnd.nextInt(4);
        String q = b.operand("q", with(lead, l, e), Values.uniform(-1.5, 1.5));
        String k = b.operand("k", with(lead, s, e), Values.uniform(-1.5, 1.5));
        String v = b.operand("v", with(lead, s, ev), Values.uniform(-1, 1));
        Mask mask = Mask.values()[rnd.nextInt(Mask.values().length)];
        String args = q + ", " + k + ", " + v + masking(b, mask, with(lead, l, s), fused);
        String call = fused ? "scaled_dot_product_attention(" + args + ")" : "reference(" + args + ")";
        List<String> out = with(lead, l, ev);
        b.output("y", call);
        return b.weightedLoss("y", out);
    }

    private static String masking(CaseBuilder b, Mask mask, List<String> scores, boolean fused) {
        Random rnd = b.rnd();
        switch (mask) {
            case CAUSAL:
                return fused ? ", is_causal = true" : ", [], true";
            case BIAS: {
                List<String> shape = Shapes.broadcastable(rnd, scores, 0.4);
                String m = rnd.nextBoolean() ? b.param("m", shape, Values.uniform(-2, 2))
                        : b.input("m", shape, Values.uniform(-2, 2));
                return fused ? ", attn_mask = " + m : ", " + m;
            }
            case BOOLEAN: {
                List<String> shape = Shapes.broadcastable(rnd, scores, 0.4);
                String m = b.labels("m", shape, 2);
                return fused ? ", attn_mask = " + m : ", " + m;
            }
            default:
                return "";
        }
    }

    /** Every boolean mask of the case lets each query see key 0 (the element at column 0 set to 1). */
    static ModelCase seeingKeyZero(ModelCase c) {
        Tensor m = c.inputs().get("m");
        if (m != null && !m.dtype().isFloat()) {
            int[] shape = m.shape();
            int cols = shape.length == 0 ? 1 : shape[shape.length - 1];
            int[] d = m.ints();
            for (int i = 0; i < d.length; i += cols) {
                d[i] = 1;
            }
        }
        return c;
    }

    static List<String> with(List<String> lead, int a, int b) {
        List<String> s = new ArrayList<>(lead);
        s.add(String.valueOf(a));
        s.add(String.valueOf(b));
        return s;
    }

    /**
     * Three leading dims [2, 3, 2] with a learned bias [2, 1, 2, 4, 5]: its leading dims are not
     * consecutive, so the kernel cannot reach it by strides and the call broadcasts it first.
     */
    static ModelCase gappedBias(boolean fused) {
        CaseBuilder b = new CaseBuilder("bias with a gap in its leading dims", new Random(13));
        b.function(REFERENCE);
        String q = b.input("q", Shapes.of(2, 3, 2, 4, 3), Values.uniform(-1, 1));
        String k = b.input("k", Shapes.of(2, 3, 2, 5, 3), Values.uniform(-1, 1));
        String v = b.input("v", Shapes.of(2, 3, 2, 5, 2), Values.uniform(-1, 1));
        String m = b.param("m", Shapes.of(2, 1, 2, 4, 5), Values.uniform(-1, 1));
        String args = q + ", " + k + ", " + v + (fused ? ", attn_mask = " : ", ") + m;
        b.output("y", fused ? "scaled_dot_product_attention(" + args + ")" : "reference(" + args + ")");
        return b.weightedLoss("y", Shapes.of(2, 3, 2, 4, 2));
    }

    /**
     * Query 1 of 3 sees no key (its row of the boolean mask is all 0); the others see some. As in
     * PyTorch, its output row is NaN.
     */
    static ModelCase maskedRow(boolean fused) {
        CaseBuilder b = new CaseBuilder("wholly masked row", new Random(11));
        b.function(REFERENCE);
        String q = b.input("q", Shapes.of(2, 3, 4), Values.uniform(-1, 1));
        String k = b.input("k", Shapes.of(2, 5, 4), Values.uniform(-1, 1));
        String v = b.input("v", Shapes.of(2, 5, 3), Values.uniform(-1, 1));
        String m = b.labels("m", Shapes.of(3, 5), 2);
        String args = q + ", " + k + ", " + v + (fused ? ", attn_mask = " : ", ") + m;
        b.output("y", fused ? "scaled_dot_product_attention(" + args + ")" : "reference(" + args + ")");
        ModelCase c = b.weightedLoss("y", Shapes.of(2, 3, 3));
        int[] mask = c.inputs().get("m").ints();
        for (int j = 0; j < 5; j++) {
            mask[j] = 1;
            mask[5 + j] = 0;
            mask[10 + j] = j % 2;
        }
        return c;
    }
}
