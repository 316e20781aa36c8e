package nnet.compiler.ops.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.ElementwiseKernel;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.LoopNest;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.KernelOp;

/**
 * Matrix product with NumPy batching: operands of rank ≥ 2 whose leading dims broadcast. transA/transB
 * read an operand as its transpose (the simplifier folds explicit transposes into these flags). After
 * fusion, an elementwise epilogue (bias, activation, gradient accumulation...) may follow: it is applied
 * to the product in place, in the same kernel, with {@code $0} the product and {@code $1...} the extra
 * operands that follow A and B.
 */
public record MatMul(boolean transA, boolean transB, Scalar epilogue) implements KernelOp {

    public static MatMul of(boolean transA, boolean transB) {
        return new MatMul(transA, transB, null);
    }

    public MatMul withEpilogue(Scalar body) {
        return new MatMul(transA, transB, body);
    }

    public String name() {
        return "matmul";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType a = inputs.get(0);
        TensorType b = inputs.get(1);
        if (!a.dtype().isFloat() || a.dtype() != b.dtype()) {
            throw new ShapeException("'matmul' needs two floating-point operands of one dtype, got " + a + " and " + b);
        }
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException("'matmul' needs operands of rank 2 or more, got " + a + " and " + b);
        }
        Dim ka = transA ? a.shape().fromEnd(2) : a.shape().fromEnd(1);
        Dim kb = transB ? b.shape().fromEnd(1) : b.shape().fromEnd(2);
        if (!ka.equals(kb)) {
            throw new ShapeException("'matmul' cannot multiply " + describe(a, transA) + " by " + describe(b, transB)
                    + ": inner dims " + ka + " and " + kb + " differ");
        }
        Shape batch = Shape.broadcast(batchOf(a.shape()), batchOf(b.shape()));
        if (batch == null) {
            throw new ShapeException("'matmul' cannot broadcast the batch dims of " + a + " and " + b);
        }
        Dim m = transA ? a.shape().fromEnd(1) : a.shape().fromEnd(2);
        Dim n = transB ? b.shape().fromEnd(2) : b.shape().fromEnd(1);
        TensorType out = new TensorType(a.dtype(), batch.concat(new Shape(List.of(m, n))));
        for (TensorType extra : inputs.subList(2, inputs.size())) {
            if (extra.dtype() != out.dtype() || !extra.shape().broadcastsTo(out.shape())) {
                throw new ShapeException("matmul epilogue operand " + extra + " does not broadcast to " + out);
            }
        }
        return out;
    }

    private static String describe(TensorType t, boolean transposed) {
        return transposed ? "transpose(" + t + ")" : t.toString();
    }

    private static Shape batchOf(Shape s) {
        return s.sub(0, s.rank() - 2);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        if (epilogue != null) {
            throw new IllegalStateException("fused matmul is not differentiated");
        }
        Build b = Build.of(g.graph());
        int a = g.input(0);
        int bb = g.input(1);
        int dc = g.outputGrad();
        Integer da = null;
        Integer db = null;
        if (g.needs(0)) {
            da = transA ? b.matmul(bb, dc, transB, true) : b.matmul(dc, bb, false, !transB);
        }
        if (g.needs(1)) {
            db = weightGradient(b, a, dc, g.inputType(0).shape(), g.inputType(1).shape());
        }
        return Arrays.asList(da, db);
    }

    /**
     * When a batched A meets a plain matrix B (a linear layer over a sequence), B's gradient is one
     * product over the flattened batch instead of a batch of products summed afterwards.
     */
    private int weightGradient(Build b, int a, int dc, Shape aShape, Shape bShape) {
        if (bShape.rank() == 2 && aShape.rank() > 2 && !transA) {
            Shape flatA = new Shape(List.of(aShape.product(0, aShape.rank() - 1), aShape.fromEnd(1)));
            Shape dcShape = b.type(dc).shape();
            Shape flatC = new Shape(List.of(dcShape.product(0, dcShape.rank() - 1), dcShape.fromEnd(1)));
            int a2 = b.reshape(a, flatA);
            int c2 = b.reshape(dc, flatC);
            return transB ? b.matmul(c2, a2, true, false) : b.matmul(a2, c2, true, false);
        }
        return transB ? b.matmul(dc, a, true, transA) : b.matmul(a, dc, !transA, false);
    }

    @Override
    public void emit(KernelWriter w) {
        Shape as = w.in(0).type().shape();
        Shape bs = w.in(1).type().shape();
        Shape cs = w.out().type().shape();
        Ix m = w.let(w.size(cs.fromEnd(2)));
        Ix n = w.let(w.size(cs.fromEnd(1)));
        Ix k = w.let(w.size(transA ? as.fromEnd(2) : as.fromEnd(1)));
        Ix lda = w.size(as.fromEnd(1));
        Ix ldb = w.size(bs.fromEnd(1));
        if (bs.rank() == 2 && !transA) {
            // The batch of A folds into its rows: one product of [batch·M, K] by B.
            Ix rows = w.let(w.product(cs, 0, cs.rank() - 1));
            if (w.isLoopInvariant(1)) {
                // A recurrence's weights: packed once for all the loop's steps.
                w.gemmSameB(transA, transB, rows, n, k, w.in(0), Ix.c(0), lda, w.in(1), Ix.c(0), ldb, w.out(), Ix.c(0),
                        n, false);
            } else {
                w.gemm(transA, transB, rows, n, k, w.in(0), Ix.c(0), lda, w.in(1), Ix.c(0), ldb, w.out(), Ix.c(0), n,
                        false);
            }
        } else {
            batched(w, as, bs, cs, m, n, k, lda, ldb);
        }
        if (epilogue != null) {
            List<Buf> operands = new ArrayList<>();
            operands.add(w.out());
            for (int i = 2; i < w.arity(); i++) {
                operands.add(w.in(i));
            }
            ElementwiseKernel.emit(w, epilogue, operands, w.out());
        }
    }

    private void batched(KernelWriter w, Shape as, Shape bs, Shape cs, Ix m, Ix n, Ix k, Ix lda, Ix ldb) {
        Shape batch = batchOf(cs);
        if (batch.rank() == 0) {
            w.gemm(transA, transB, m, n, k, w.in(0), Ix.c(0), lda, w.in(1), Ix.c(0), ldb, w.out(), Ix.c(0), n, false);
            return;
        }
        List<List<Dim>> strides = List.of(
                scaled(LoopNest.broadcastStrides(batchOf(as), batch), as.product(as.rank() - 2, as.rank())),
                scaled(LoopNest.broadcastStrides(batchOf(bs), batch), bs.product(bs.rank() - 2, bs.rank())),
                scaled(LoopNest.broadcastStrides(batch, batch), cs.product(cs.rank() - 2, cs.rank())));
        new LoopNest(w, batch, strides).emit((bases, length, step) -> w.loop(Ix.c(0), length, i ->
                w.gemm(transA, transB, m, n, k,
                        w.in(0), bases[0].plus(i.times(step[0])), lda,
                        w.in(1), bases[1].plus(i.times(step[1])), ldb,
                        w.out(), bases[2].plus(i.times(step[2])), n, false)));
    }

    private static List<Dim> scaled(List<Dim> strides, Dim factor) {
        return strides.stream().map(d -> d.times(factor)).toList();
    }

    @Override
    public String attributes() {
        List<String> parts = new ArrayList<>();
        if (transA) {
            parts.add("transA");
        }
        if (transB) {
            parts.add("transB");
        }
        if (epilogue != null) {
            parts.add("epilogue: " + epilogue.render());
        }
        return String.join(", ", parts);
    }
}
