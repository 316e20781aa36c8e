package nnet.compiler.ops.rowwise;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;

/**
 * softmax along an axis as one fused kernel: per row, the maximum, then exp(x - max) summed while it is
 * stored, then one scaling pass. Subtracting the maximum keeps exp from overflowing.
 */
public record Softmax(int axis) implements KernelOp {
    public String name() {
        return "softmax";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        return checkRows(name(), inputs.get(0), axis);
    }

    static TensorType checkRows(String op, TensorType x, int axis) {
        if (!x.dtype().isFloat()) {
            throw new ShapeException("'" + op + "' needs a floating-point tensor, got " + x);
        }
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("dim " + axis + " is out of range for " + x);
        }
        return x;
    }

    @Override
    public int inPlaceOperand() {
        return 0;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Backward(axis), g.output(), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            Var max = rowMax(w, base, stride, n);
            Var sum = w.var(Val.c(0));
            w.loop(Ix.c(0), n, k -> {
                Ix at = Rows.at(base, stride, k);
                Var e = w.var(w.load(w.in(0), at).minus(max.get()).exp());
                w.store(w.out(), at, e.get());
                w.set(sum, sum.get().plus(e.get()));
            });
            Var scale = w.var(Val.c(1).div(sum.get()));
            w.loop(Ix.c(0), n, k -> {
                Ix at = Rows.at(base, stride, k);
                w.store(w.out(), at, w.load(w.out(), at).times(scale.get()));
            });
        });
    }

    /** The maximum of a row of operand 0 (NaN if any element is NaN). */
    static Var rowMax(KernelWriter w, Ix base, Ix stride, Ix n) {
        Var max = w.var(Val.c(Double.NEGATIVE_INFINITY));
        w.loop(Ix.c(0), n, k -> w.set(max, max.get().max(w.load(w.in(0), Rows.at(base, stride, k)))));
        return max;
    }

    /** The sum of exp(x - max) over a row of operand 0. */
    static Var rowSumExp(KernelWriter w, Ix base, Ix stride, Ix n, Var max) {
        Var sum = w.var(Val.c(0));
        w.loop(Ix.c(0), n, k -> w.set(sum, sum.get().plus(
                w.load(w.in(0), Rows.at(base, stride, k)).minus(max.get()).exp())));
        return sum;
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    /** dx = y·(dy − Σ dy·y) per row; operands (y, dy). */
    public record Backward(int axis) implements GradientKernel {
        public String name() {
            return "softmax_grad";
        }

        @Override
        public int inPlaceOperand() {
            return 1;
        }

        @Override
        public void emit(KernelWriter w) {
            Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
                Var dot = w.var(Val.c(0));
                w.loop(Ix.c(0), n, k -> {
                    Ix at = Rows.at(base, stride, k);
                    w.set(dot, dot.get().plus(w.load(w.in(0), at).times(w.load(w.in(1), at))));
                });
                w.loop(Ix.c(0), n, k -> {
                    Ix at = Rows.at(base, stride, k);
                    w.store(w.out(), at, w.load(w.in(0), at).times(w.load(w.in(1), at).minus(dot.get())));
                });
            });
        }

        @Override
        public String attributes() {
            return "axis=" + axis;
        }
    }
}
