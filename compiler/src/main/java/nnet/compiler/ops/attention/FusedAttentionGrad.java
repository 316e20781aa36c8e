package nnet.compiler.ops.attention;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.MultiResultOp;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.runtime.kernels.Attention;

/**
 * The gradients of {@link FusedAttention} in one pass (flash attention's backward): operands (query,
 * key, value[, bias], out, lse, dOut), results (dq, dk, dv[, dScores]). Per block of queries and keys
 * the probabilities p = exp(s − lse) are recomputed, then dv += pᵀ·dOut, dS = p ⊙ (dOut·vᵀ − D) with
 * D = rowsum(dOut ⊙ out), dq += dS·k·scale and dk += dSᵀ·q·scale. With {@code biasGrad} it also
 * delivers dS [..., L, S], the gradient of an additive bias before autodiff sums it over the dims the
 * bias broadcasts along; it is the only [L, S] tensor, and exists only when a bias needs a gradient.
 */
public record FusedAttentionGrad(boolean causal, double scale, boolean bias, boolean biasGrad)
        implements KernelOp, MultiResultOp {

    public String name() {
        return FusedAttention.NAME + "_grad";
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        AttentionShapes.check(FusedAttention.NAME, inputs.subList(0, bias ? 4 : 3));
        List<TensorType> results = new ArrayList<>(inputs.subList(0, 3));
        if (biasGrad) {
            TensorType q = inputs.get(0);
            results.add(q.withShape(AttentionShapes.scores(q.shape(), inputs.get(1).shape())));
        }
        return results;
    }

    @Override
    public boolean differentiable() {
        return false;
    }

    @Override
    public void emit(KernelWriter w) {
        int saved = bias ? 4 : 3;
        var call = AttentionShapes.common(w.call(Attention.class, "backward"), w, causal, scale, bias)
                .array(w.in(saved)).array(w.in(saved + 1)).array(w.in(saved + 2))
                .array(w.out(0)).array(w.out(1)).array(w.out(2));
        if (biasGrad) {
            call.array(w.out(3));
        } else {
            call.noArray(w.dtype());
        }
        call.invoke();
    }

    @Override
    public String attributes() {
        return (causal ? "causal, " : "") + "scale=" + scale + (biasGrad ? ", bias grad" : "");
    }
}
