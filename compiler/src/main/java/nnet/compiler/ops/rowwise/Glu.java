package nnet.compiler.ops.rowwise;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;

/**
 * The gated linear unit {@code torch.nn.functional.glu(x, dim)}: x split in halves a and b along the axis,
 * a·sigmoid(b). Along an axis of size 2h, each outer slice holds a as one block of h·inner elements and
 * b as the next, so both are read in memory order.
 *
 * <p>Gradient: da = dy·s, db = dy·a·s·(1 − s), with s = sigmoid(b).
 */
public record Glu(int axis) implements KernelOp {
    public String name() {
        return "glu";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = Softmax.checkRows(name(), inputs.get(0), axis);
        Dim size = x.shape().dim(axis);
        Dim half = size.dividedBy(Dim.of(2));
        if (half == null) {
            throw new ShapeException("'glu' halves dim " + axis + " of " + x + ", whose size " + size + " is not even");
        }
        return x.withShape(x.shape().with(axis, half));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Backward(axis), g.input(0), g.outputGrad()));
    }

    /** The body of one element pair: a's position in x, b's, and their result's. */
    private interface Pair {
        void emit(Ix a, Ix b, Ix out);
    }

    /** Visits every (a, b) pair of x, whose shape is {@code x}, in memory order. */
    private static void pairs(KernelWriter w, Shape x, int axis, Pair body) {
        Ix outer = w.let(w.product(x, 0, axis));
        Ix block = w.let(w.size(x.dim(axis).dividedBy(Dim.of(2))).times(w.product(x, axis + 1, x.rank())));
        Ix slice = w.let(block.times(Ix.c(2)));
        w.loop(Ix.c(0), outer, o -> {
            Ix a = w.let(o.times(slice));
            Ix out = w.let(o.times(block));
            w.loop(Ix.c(0), block, t -> body.emit(a.plus(t), a.plus(block).plus(t), out.plus(t)));
        });
    }

    static Val sigmoid(Val b) {
        return Val.c(1).div(Val.c(1).plus(b.neg().exp()));
    }

    @Override
    public void emit(KernelWriter w) {
        pairs(w, w.in(0).type().shape(), axis, (a, b, out) ->
                w.store(w.out(), out, w.load(w.in(0), a).times(sigmoid(w.load(w.in(0), b)))));
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    /** dx for both halves; operands (x, dy). */
    public record Backward(int axis) implements GradientKernel {
        public String name() {
            return "glu_grad";
        }

        @Override
        public void emit(KernelWriter w) {
            pairs(w, w.in(0).type().shape(), axis, (a, b, out) -> {
                Var s = w.var(sigmoid(w.load(w.in(0), b)));
                Var dy = w.var(w.load(w.in(1), out));
                w.store(w.out(), a, dy.get().times(s.get()));
                Val ds = s.get().times(Val.c(1).minus(s.get()));
                w.store(w.out(), b, dy.get().times(w.load(w.in(0), a)).times(ds));
            });
        }

        @Override
        public String attributes() {
            return "axis=" + axis;
        }
    }
}
