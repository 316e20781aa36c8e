package nnet.compiler.ops.attention;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.SavesForGradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.runtime.kernels.Attention;

/**
 * Scaled dot-product attention as one kernel: softmax(q·kᵀ·scale + bias)·v over operands (query
 * [..., L, E], key [..., S, E], value [..., S, Ev][, bias broadcasting to [..., L, S]]), causal or not
 * (query i sees keys 0..i). The runtime's {@link Attention} computes it flash-attention style, in blocks
 * with an online softmax, so the [L, S] scores never exist whole, forward or backward. The prelude's
 * scaled_dot_product_attention calls it when dropout is off.
 *
 * <p>For a gradient it also delivers each query's log Σ exp of its scores [..., L] (see
 * {@link SavesForGradient}); {@link FusedAttentionGrad} recomputes the probabilities from it.
 */
public record FusedAttention(boolean causal, double scale, boolean savesLse) implements KernelOp, SavesForGradient {
    public static final String NAME = "fused_attention";

    public String name() {
        return NAME;
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        TensorType out = AttentionShapes.check(name(), inputs);
        if (!savesLse) {
            return List.of(out);
        }
        Shape q = inputs.get(0).shape();
        return List.of(out, out.withShape(AttentionShapes.lead(q).concat(Shape.of(q.fromEnd(2)))));
    }

    @Override
    public FusedAttention forGradient(List<TensorType> inputs, boolean[] needs) {
        return new FusedAttention(causal, scale, true);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        boolean bias = g.node().arity() > 3;
        List<Integer> grads = new ArrayList<>(java.util.Arrays.asList(null, null, null));
        if (bias) {
            grads.add(null);
        }
        Integer dOut = g.outputGrad(0);
        if (dOut == null) {
            return grads;
        }
        boolean biasGrad = bias && g.needs(3);
        // Inside a loop body the op is differentiated as it was (nothing saved): the backward step
        // then computes the forward results again, with lse.
        int forward = savesLse ? g.node().id() : g.graph().add(new FusedAttention(causal, scale, true),
                g.node().inputs());
        List<Integer> operands = new ArrayList<>(g.node().inputs());
        operands.addAll(List.of(g.graph().project(forward, 0), g.graph().project(forward, 1), dOut));
        int node = g.graph().add(new FusedAttentionGrad(causal, scale, bias, biasGrad), operands);
        for (int i = 0; i < grads.size(); i++) {
            if (g.needs(i)) {
                grads.set(i, g.graph().project(node, i));
            }
        }
        return grads;
    }

    @Override
    public void emit(KernelWriter w) {
        var call = AttentionShapes.common(w.call(Attention.class, "forward"), w, causal, scale, w.arity() > 3)
                .array(w.out(0));
        if (savesLse) {
            call.array(w.out(1));
        } else {
            call.noArray(w.dtype());
        }
        call.invoke();
    }

    /** Whether the kernel reaches a bias of this shape as it is (see {@link BiasLayout}). */
    public static boolean reachesBias(Shape bias, Shape scores) {
        return BiasLayout.of(bias, scores) != null;
    }

    /** A bias's shape broadcast along the scores' leading dims, which the kernel always reaches. */
    public static Shape leadingExpanded(Shape bias, Shape scores) {
        return BiasLayout.expandedLeading(bias, scores);
    }

    @Override
    public String attributes() {
        return (causal ? "causal, " : "") + "scale=" + scale + (savesLse ? ", saves lse" : "");
    }
}
