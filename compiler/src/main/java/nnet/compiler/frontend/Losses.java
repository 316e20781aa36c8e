package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.elementwise.Div;
import nnet.compiler.ops.elementwise.Mul;
import nnet.compiler.ops.reduce.Sum;

/**
 * What the loss builtins share: their {@code reduction} argument, the check that operands paired
 * element by element have one shape, optional weights that broadcast into the loss, and the reduction
 * itself (PyTorch's apply_loss_reduction).
 */
final class Losses {
    static final String[] REDUCTIONS = {"mean", "sum", "none"};

    private Losses() {
    }

    static Signature.Param reductionParam() {
        return Signature.oneOf("reduction", REDUCTIONS);
    }

    static Reduction reduction(CallSite c, int i) {
        return Reduction.parse(((Value.Str) c.arg(i)).value());
    }

    /**
     * Whether arguments a and b have one shape, reporting otherwise: PyTorch broadcasts them (with a
     * warning at most), and an output [batch, 1] against a target [batch] then pairs every output with
     * every target, a classic silent mistake.
     */
    static boolean sameShape(CallSite c, int a, int b) {
        TensorType x = c.type(a);
        TensorType y = c.type(b);
        if (x.shape().equals(y.shape())) {
            return true;
        }
        String first = parameterName(c, a);
        String second = parameterName(c, b);
        c.error("'" + c.callee + "': " + first + " " + x + " and " + second + " " + y
                + " differ in shape, and broadcasting them would pair every " + first + " with every " + second
                + "; give them the same shape (with squeeze, unsqueeze or reshape)");
        return false;
    }

    private static String parameterName(CallSite c, int i) {
        return Builtins.get(c.callee).signature().params().get(i).name();
    }

    /**
     * The loss multiplied by the optional weight argument {@code i} (none: the loss), which must have the
     * loss's dtype and broadcast to its shape without changing it; null after an error.
     */
    static Value.Tensor weighted(CallSite c, Value.Tensor loss, int i) {
        if (loss == null || !c.given(i)) {
            return loss;
        }
        Value.Tensor w = broadcastInto(c, i, c.model.type(loss));
        return w == null ? null : c.model.op(c.span, new Mul(), loss.node(), w.node());
    }

    /** Argument i if it has the dtype of {@code into} and broadcasts to its shape; null after reporting. */
    static Value.Tensor broadcastInto(CallSite c, int i, TensorType into) {
        TensorType w = c.type(i);
        String name = parameterName(c, i);
        if (w.dtype() != into.dtype()) {
            c.error(i, "'" + c.callee + "': " + name + " " + w + " needs the input's dtype " + into.dtype().spelling());
            return null;
        }
        if (!w.shape().broadcastsTo(into.shape())) {
            c.error(i, "'" + c.callee + "': " + name + " " + w + " does not broadcast to the input's shape "
                    + into.shape());
            return null;
        }
        return c.model.tensor(c.node(i));
    }

    /** PyTorch's loss reduction: the loss itself, its sum, or its mean over all elements. */
    static Value reduce(CallSite c, Value.Tensor loss, Reduction reduction) {
        if (loss == null) {
            return new Value.Error();
        }
        TensorType t = c.model.type(loss);
        if (reduction == Reduction.NONE || t.rank() == 0) {
            return loss;
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < t.rank(); i++) {
            all.add(i);
        }
        return c.model.guarded(c.span, () -> {
            int sum = c.model.graph.add(new Sum(all, false), loss.node());
            return reduction == Reduction.SUM ? sum
                    : c.model.graph.add(new Div(), sum, c.model.build.dimValue(t.shape().numel(), t.dtype()));
        });
    }

    /** The mean of a tensor over one axis, which it loses. */
    static int meanOver(ModelBuilder m, int x, int axis) {
        TensorType t = m.graph.type(x);
        int sum = m.graph.add(new Sum(List.of(axis), false), x);
        return m.graph.add(new Div(), sum, m.build.dimValue(t.shape().dim(axis), t.dtype()));
    }
}
