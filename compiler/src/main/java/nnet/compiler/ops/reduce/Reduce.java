package nnet.compiler.ops.reduce;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.LoopNest;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;

/**
 * The loop of a reduction over some axes of an iteration space: {@code out[o] = Σ term(operands)} over
 * the elements that reduce to o, operands read broadcast to the space. One pass in memory order:
 * reduced inner dims accumulate in a register, kept inner dims accumulate into the output row (a
 * vectorisable loop, e.g. a bias gradient summing over the batch).
 */
final class Reduce {
    private Reduce() {
    }

    /** The shape of the result with reduced dims kept as 1. */
    static Shape kept(Shape s, List<Integer> axes) {
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            dims.add(axes.contains(i) ? Dim.of(1) : s.dim(i));
        }
        return new Shape(dims);
    }

    static void accumulate(KernelWriter w, Shape space, List<Integer> axes, Scalar term, List<Buf> operands, Buf out) {
        List<List<Dim>> strides = new ArrayList<>();
        for (Buf b : operands) {
            strides.add(b.isInline() ? LoopNest.zeroStrides(space.rank()) : LoopNest.broadcastStrides(b.type().shape(), space));
        }
        strides.add(LoopNest.broadcastStrides(kept(space, axes), space));
        int o = operands.size();
        boolean once = writesOnce(space, axes);
        if (!once) {
            w.loop(Ix.c(0), w.numel(out.type().shape()), i -> w.store(out, i, Val.c(0)));
        }
        new LoopNest(w, space, strides).emit((bases, length, step) -> {
            if (step[o].isConst(0)) {
                Var acc = w.var(Val.c(0));
                w.loop(Ix.c(0), length, i -> w.set(acc, acc.get().plus(termAt(w, term, operands, bases, step, i))));
                w.store(out, bases[o], once ? acc.get() : w.load(out, bases[o]).plus(acc.get()));
            } else {
                w.loop(Ix.c(0), length, i -> {
                    Ix at = bases[o].plus(i.times(step[o]));
                    w.store(out, at, w.load(out, at).plus(termAt(w, term, operands, bases, step, i)));
                });
            }
        });
    }

    private static Val termAt(KernelWriter w, Scalar term, List<Buf> operands, Ix[] bases, Ix[] step, Ix i) {
        List<Val> args = new ArrayList<>();
        for (int j = 0; j < operands.size(); j++) {
            args.add(w.load(operands.get(j), bases[j].plus(i.times(step[j]))));
        }
        return term instanceof Scalar.Arg a ? args.get(a.index()) : new Val.Apply(term, args);
    }

    /**
     * Whether each output element is written once, from a register: the innermost loop of the walk is
     * a reduction and no outer loop is. The loop nest drops dims of static size 1, so only the other
     * dims count: some of them are reduced, and those are exactly the last ones. Otherwise the output
     * is zeroed first and accumulated into.
     */
    private static boolean writesOnce(Shape in, List<Integer> axes) {
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
}
