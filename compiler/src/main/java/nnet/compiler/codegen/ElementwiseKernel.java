package nnet.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;

/**
 * The code template shared by every elementwise op, fused or not: {@code out[i] = body(operands)} over
 * the output in row-major order, operands read through their broadcast strides. Operands that do not
 * move in the inner loop (a bias along a row, a per-row scale) are loaded once before it. Coordinates
 * and random numbers in the body are bound by {@link PositionalLeaves}.
 */
public final class ElementwiseKernel {
    private ElementwiseKernel() {
    }

    /** Operands are broadcast to the output's shape. */
    public static void emit(KernelWriter w, Scalar body, List<Buf> operands, Buf out) {
        Shape shape = out.type().shape();
        List<List<Dim>> strides = new ArrayList<>();
        for (Buf b : operands) {
            strides.add(b.isInline() ? LoopNest.zeroStrides(shape.rank())
                    : LoopNest.broadcastStrides(b.type().shape(), shape));
        }
        emitStrided(w, body, operands, strides, out);
    }

    /** Operands are read through the given strides, one per output dim (e.g. a permutation). */
    public static void emitStrided(KernelWriter w, Scalar body, List<Buf> operands, List<List<Dim>> strides,
                                   Buf out) {
        Shape shape = out.type().shape();
        int o = operands.size();
        PositionalLeaves leaves = PositionalLeaves.bind(w, body, o);
        int c = leaves.coordinates();
        List<List<Dim>> all = new ArrayList<>(strides);
        all.addAll(leaves.coordinateStrides(shape.rank()));
        all.add(LoopNest.broadcastStrides(shape, shape));
        Scalar bound = leaves.body();
        new LoopNest(w, shape, all).emit((bases, length, step) -> {
            Val[] hoisted = new Val[o];
            for (int j = 0; j < o; j++) {
                Buf b = operands.get(j);
                if (!b.isInline() && step[j].isConst(0) && bound.reads(j)) {
                    hoisted[j] = w.var(w.load(b, bases[j])).get();
                }
            }
            w.loop(Ix.c(0), length, i -> {
                List<Val> args = new ArrayList<>();
                for (int j = 0; j < o; j++) {
                    args.add(hoisted[j] != null ? hoisted[j]
                            : w.load(operands.get(j), bases[j].plus(i.times(step[j]))));
                }
                List<Ix> coordinates = new ArrayList<>();
                for (int k = o; k < o + c; k++) {
                    coordinates.add(bases[k].plus(i.times(step[k])));
                }
                Ix at = bases[o + c].plus(i.times(step[o + c]));
                args.addAll(leaves.values(coordinates, at));
                w.store(out, at, new Val.Apply(bound, args));
            });
        });
    }
}
