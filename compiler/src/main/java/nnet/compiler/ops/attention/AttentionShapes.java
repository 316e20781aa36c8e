package nnet.compiler.ops.attention;

import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.RuntimeCall;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;

/**
 * The shape rule and the kernel arguments shared by {@link FusedAttention} and its gradient: operands
 * (query [..., L, E], key [..., S, E], value [..., S, Ev][, bias]) of one floating-point dtype with the
 * same leading dims, and a bias that broadcasts to the scores [..., L, S] as {@link BiasLayout} reaches it.
 */
final class AttentionShapes {
    private AttentionShapes() {
    }

    /** The output's type, [..., L, Ev], or a {@link ShapeException}. */
    static TensorType check(String op, List<TensorType> inputs) {
        TensorType q = inputs.get(0);
        TensorType k = inputs.get(1);
        TensorType v = inputs.get(2);
        if (!q.dtype().isFloat() || k.dtype() != q.dtype() || v.dtype() != q.dtype()) {
            throw new ShapeException("'" + op + "' needs query, key and value of one floating-point dtype, got " + q
                    + ", " + k + " and " + v);
        }
        if (q.rank() < 2 || k.rank() != q.rank() || v.rank() != q.rank() || !lead(k.shape()).equals(lead(q.shape()))
                || !lead(v.shape()).equals(lead(q.shape()))) {
            throw new ShapeException("'" + op + "' needs query, key and value of one rank ≥ 2 with the same leading"
                    + " dims, got " + q + ", " + k + " and " + v);
        }
        if (!q.shape().fromEnd(1).equals(k.shape().fromEnd(1)) || !k.shape().fromEnd(2).equals(v.shape().fromEnd(2))) {
            throw new ShapeException("'" + op + "' needs query [..., L, E], key [..., S, E] and value [..., S, Ev], got "
                    + q + ", " + k + " and " + v);
        }
        if (inputs.size() > 3) {
            checkBias(op, inputs.get(3), q, scores(q.shape(), k.shape()));
        }
        return q.withShape(lead(q.shape()).concat(Shape.of(q.shape().fromEnd(2), v.shape().fromEnd(1))));
    }

    private static void checkBias(String op, TensorType bias, TensorType q, Shape scores) {
        if (bias.dtype() != q.dtype()) {
            throw new ShapeException("'" + op + "' needs a bias of the query's dtype, got " + bias + " for " + q);
        }
        if (BiasLayout.of(bias.shape(), scores) == null) {
            throw new ShapeException("'" + op + "' cannot add a bias " + bias + " to the scores " + scores);
        }
    }

    static Shape lead(Shape s) {
        return s.sub(0, s.rank() - 2);
    }

    /** The scores' shape [..., L, S] for a query and a key. */
    static Shape scores(Shape q, Shape k) {
        return lead(q).concat(Shape.of(q.fromEnd(2), k.fromEnd(2)));
    }

    /**
     * Pushes the arguments both runtime entry points start with: the sizes, the causal flag, the scale,
     * query, key, value and the bias with its layout (null and a neutral layout when there is none).
     */
    static RuntimeCall common(RuntimeCall call, KernelWriter w, boolean causal, double scale, boolean bias) {
        Shape q = w.in(0).type().shape();
        Shape k = w.in(1).type().shape();
        Shape v = w.in(2).type().shape();
        call.ints(w.product(q, 0, q.rank() - 2), w.size(q.fromEnd(2)), w.size(k.fromEnd(2)), w.size(q.fromEnd(1)),
                w.size(v.fromEnd(1))).bool(causal).real(scale, w.dtype())
                .array(w.in(0)).array(w.in(1)).array(w.in(2));
        if (!bias) {
            return call.noArray(w.dtype()).ints(1, 1, 0, 0, 0);
        }
        Buf b = w.in(3);
        BiasLayout layout = BiasLayout.of(b.type().shape(), scores(q, k));
        return call.array(b).ints(w.size(layout.inner()), w.size(layout.groups()), w.size(layout.plane()),
                w.size(layout.row()), w.size(layout.col()));
    }
}
