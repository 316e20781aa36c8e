package nnet.compiler.ops.reduce;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.KernelOp;

/**
 * Sum over a set of axes ({@code torch.sum(x, dim, keepdim)}), in one pass (see {@link Reduce}). After
 * fusion a sum may carry a {@code prologue}: the elementwise body whose result it sums, over operands
 * broadcast to the iteration {@code space}, so that the summed tensor is never stored (a gradient
 * Σ dy·x, a mean of squares).
 */
public record Sum(List<Integer> axes, boolean keepdim, Shape space, Scalar prologue) implements KernelOp {
    public Sum {
        axes = axes.stream().sorted().distinct().toList();
    }

    public Sum(List<Integer> axes, boolean keepdim) {
        this(axes, keepdim, null, null);
    }

    public Sum withPrologue(Shape over, Scalar body) {
        return new Sum(axes, keepdim, over, body);
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
        Shape s = space != null ? space : x.shape();
        for (int a : axes) {
            if (a < 0 || a >= s.rank()) {
                throw new ShapeException("dim " + a + " is out of range for " + x);
            }
        }
        return x.withShape(reducedShape(s, keepdim));
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
        if (prologue != null) {
            throw new IllegalStateException("a fused sum is not differentiated");
        }
        Shape kept = reducedShape(g.inputType(0).shape(), true);
        return g.only(Build.of(g.graph()).reshape(g.outputGrad(), kept));
    }

    @Override
    public void emit(KernelWriter w) {
        if (prologue == null) {
            Reduce.accumulate(w, w.in(0).type().shape(), axes, Scalar.arg(0), List.of(w.in(0)), w.out());
            return;
        }
        List<Buf> operands = new ArrayList<>();
        for (int i = 0; i < w.arity(); i++) {
            operands.add(w.in(i));
        }
        Reduce.accumulate(w, space, axes, prologue, operands, w.out());
    }

    @Override
    public String attributes() {
        return "axes=" + axes + (keepdim ? ", keepdim" : "") + (prologue == null ? ""
                : ", over " + space + " of " + prologue.render());
    }
}
