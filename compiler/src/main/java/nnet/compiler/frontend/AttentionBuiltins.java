package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.Kind.BOOL;
import static nnet.compiler.frontend.Signature.Kind.FLOAT;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Shape;
import nnet.compiler.ops.attention.FusedAttention;

/**
 * {@code _fused_attention(query, key, value, bias=[], is_causal=false, scale)}, the fused kernel behind
 * the prelude's scaled_dot_product_attention (which checks the arguments, turns a boolean mask into a
 * bias and falls back to composed ops where the kernel does not apply). Not meant to be called directly:
 * the leading underscore keeps it out of the way of user names.
 */
final class AttentionBuiltins {
    static final String FUSED = "_fused_attention";

    private AttentionBuiltins() {
    }

    static void define(Builtins.Definer d) {
        d.def(FUSED, Signature.of(required("query", TENSOR), required("key", TENSOR), required("value", TENSOR),
                optional("bias", ANY, Signature.NONE), optional("is_causal", BOOL, new Value.Bool(false)),
                required("scale", FLOAT)), AttentionBuiltins::fused);
    }

    private static Value fused(CallSite c) {
        List<Integer> operands = new ArrayList<>(List.of(c.node(0), c.node(1), c.node(2)));
        if (c.arg(3) instanceof Value.Tensor) {
            int bias = biasFor(c);
            if (bias < 0) {
                return new Value.Error();
            }
            operands.add(bias);
        }
        FusedAttention op = new FusedAttention(c.boolArg(4), c.floatArg(5), false);
        return Builtins.orError(c.model.op(c.span, op, operands.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * The bias as the kernel takes it: as it is when it broadcasts to the scores as the kernel can reach
     * it, else broadcast along the leading dims first (a bias such as [B, 1, G, L, S] for [B, H, G] heads).
     */
    private static int biasFor(CallSite c) {
        Shape q = c.type(0).shape();
        Shape k = c.type(1).shape();
        if (q.rank() < 2 || k.rank() < 2) {
            return c.node(3);
        }
        Shape scores = q.sub(0, q.rank() - 2).concat(Shape.of(q.fromEnd(2), k.fromEnd(2)));
        Shape bias = c.type(3).shape();
        if (!bias.broadcastsTo(scores)) {
            c.error(3, "the mask " + c.type(3) + " does not broadcast to the scores " + scores);
            return -1;
        }
        if (FusedAttention.reachesBias(bias, scores)) {
            return c.node(3);
        }
        Value.Tensor expanded = c.model.op(c.span, new nnet.compiler.ops.elementwise.Expand(
                FusedAttention.leadingExpanded(bias, scores)), c.node(3));
        return expanded == null ? -1 : expanded.node();
    }
}
