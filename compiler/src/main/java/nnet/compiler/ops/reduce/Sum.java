package nnet.compiler.ops.reduce;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.LoopNest;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.KernelOp;

/**
 * Sum over a set of axes ({@code torch.sum(x, dim, keepdim)}). One pass over the input in memory
 * order: reduced inner dims accumulate in a register, kept inner dims accumulate into the output row
 * (a vectorisable loop, e.g. a bias gradient summing over the batch).
 */
public record Sum(List<Integer> axes, boolean keepdim) implements KernelOp {
    public Sum {
        axes = axes.stream().sorted().distinct().toList();
    }

    public String name() {
        return "sum";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloat()) {
            throw new ShapeException("'sum' needs a floating-point tensor, got " + x);
        }
        for (int a : axes) {
            if (a < 0 || a >= x.rank()) {
                throw new ShapeException("dim " + a + " is out of range for " + x);
            }
        }
        return x.withShape(reducedShape(x.shape(), keepdim));
    }

    private Shape reducedShape(Shape s, boolean keep) {
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (!axes.contains(i)) {
                dims.add(s.dim(i));
            } else if (keep) {
                dims.add(Dim.of(1));
            }
        }
        return new Shape(dims);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Shape kept = reducedShape(g.inputType(0).shape(), true);
        return g.only(Build.of(g.graph()).reshape(g.outputGrad(), kept));
    }

    @Override
    public void emit(KernelWriter w) {
        Shape in = w.in(0).type().shape();
        Shape keptShape = reducedShape(in, true);
        List<Dim> outStrides = new ArrayList<>();
        for (int d = 0; d < in.rank(); d++) {
            outStrides.add(axes.contains(d) ? Dim.of(0) : keptShape.product(d + 1, in.rank()));
        }
        boolean reducedAreInnermost = writesOnce(in);
        if (!reducedAreInnermost) {
            w.loop(Ix.c(0), w.numel(w.out().type().shape()), i -> w.store(w.out(), i, Val.c(0)));
        }
        List<List<Dim>> strides = List.of(LoopNest.broadcastStrides(in, in), outStrides);
        new LoopNest(w, in, strides).emit((bases, length, step) -> {
            if (step[1].isConst(0)) {
                Var acc = w.var(Val.c(0));
                w.loop(Ix.c(0), length, i -> w.set(acc, acc.get().plus(w.load(w.in(0), bases[0].plus(i.times(step[0]))))));
                Val total = reducedAreInnermost ? acc.get() : w.load(w.out(), bases[1]).plus(acc.get());
                w.store(w.out(), bases[1], total);
            } else {
                w.loop(Ix.c(0), length, i -> {
                    Ix o = bases[1].plus(i.times(step[1]));
                    w.store(w.out(), o, w.load(w.out(), o).plus(w.load(w.in(0), bases[0].plus(i.times(step[0])))));
                });
            }
        });
    }

    /**
     * Whether each output element is written once, from a register: the innermost loop of the walk is
     * a reduction and no outer loop is. The loop nest drops dims of static size 1, so only the other
     * dims count: some of them are reduced, and those are exactly the last ones. Otherwise the output
     * is zeroed first and accumulated into.
     */
    private boolean writesOnce(Shape in) {
        boolean reduced = false;
        boolean kept = false;
        for (int d = in.rank() - 1; d >= 0; d--) {
            Dim size = in.dim(d);
            if (size.isStatic() && size.value() == 1) {
                continue;
            }
            if (!axes.contains(d)) {
                kept = true;
            } else if (kept) {
                return false;
            } else {
                reduced = true;
            }
        }
        return reduced;
    }

    @Override
    public String attributes() {
        return "axes=" + axes + (keepdim ? ", keepdim" : "");
    }
}
