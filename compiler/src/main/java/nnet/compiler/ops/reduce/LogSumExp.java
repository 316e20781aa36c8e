package nnet.compiler.ops.reduce;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;

/**
 * {@code torch.logsumexp(x, dim, keepdim)} along one axis, computed stably per row as m + log Σ e^(x − m)
 * with m the row's maximum, so that no e^x overflows. An infinite m would make x − m NaN; PyTorch shifts
 * by 0 then, and so does this (a row of −∞ gives −∞, a row holding +∞ gives +∞). An empty row gives −∞.
 *
 * <p>Gradient: dx = dy·e^(x − y), the softmax of the row times dy.
 */
public record LogSumExp(int axis, boolean keepdim) implements KernelOp {
    public String name() {
        return "logsumexp";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloat()) {
            throw new ShapeException("'logsumexp' needs a floating-point tensor, got " + x);
        }
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("dim " + axis + " is out of range for " + x);
        }
        return x.withShape(keepdim ? x.shape().with(axis, Dim.of(1)) : x.shape().without(axis));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Build b = Build.of(g.graph());
        Shape kept = g.inputType(0).shape().with(axis, Dim.of(1));
        Scalar body = Scalar.mul(Scalar.arg(0), Scalar.unary(UnaryFn.EXP, Scalar.sub(Scalar.arg(1), Scalar.arg(2))));
        List<Integer> operands = List.of(b.reshape(g.outputGrad(), kept), g.input(0), b.reshape(g.output(), kept));
        return g.only(b.elementwise("logsumexp_grad", body, operands));
    }

    @Override
    public void emit(KernelWriter w) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            Var max = w.var(Val.c(Double.NEGATIVE_INFINITY));
            w.loop(Ix.c(0), n, k -> w.set(max, max.get().max(w.load(w.in(0), Rows.at(base, stride, k)))));
            Scalar finiteOrZero = Scalar.select(CompareFn.EQ, Scalar.unary(UnaryFn.ABS, Scalar.arg(0)),
                    Scalar.constant(Double.POSITIVE_INFINITY), Scalar.constant(0), Scalar.arg(0));
            Var shift = w.var(Val.apply(finiteOrZero, max.get()));
            Var sum = w.var(Val.c(0));
            w.loop(Ix.c(0), n, k -> w.set(sum, sum.get().plus(
                    w.load(w.in(0), Rows.at(base, stride, k)).minus(shift.get()).exp())));
            w.store(w.out(), row, sum.get().log().plus(shift.get()));
        });
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepdim ? ", keepdim" : "");
    }
}
