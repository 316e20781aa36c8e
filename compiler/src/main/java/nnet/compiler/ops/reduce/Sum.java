package nnet.compiler.ops.reduce;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.KernelOp;

/** Sum over a set of axes ({@code torch.sum(x, dim, keepdim)}), in one pass (see {@link Reduce}). */
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
        Reduce.accumulate(w, w.in(0).type().shape(), axes, Scalar.arg(0), List.of(w.in(0)), w.out());
    }

    @Override
    public String attributes() {
        return "axes=" + axes + (keepdim ? ", keepdim" : "");
    }
}
