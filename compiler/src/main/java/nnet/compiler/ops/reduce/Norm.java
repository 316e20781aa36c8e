package nnet.compiler.ops.reduce;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.ir.BinaryFn;
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

/**
 * The vector p-norm (Σ|x|^p)^(1/p) over a set of axes for a finite p > 0, as
 * {@code torch.linalg.vector_norm(x, p, dim, keepdim)}, in one pass (see {@link Reduce}); the 2-norm
 * takes a square root, as PyTorch's. The ∞-norm is amax(|x|), built from those ops.
 *
 * <p>Gradient, as PyTorch's: dx = dy·sgn(x)·|x|^(p−1) / y^(p−1), which is dy·sgn(x) for p = 1 and
 * dy·(x / y) for p = 2; 0 where y = 0 (so the gradient of the 2-norm at 0 is 0), and 0 where x = 0.
 */
public record Norm(List<Integer> axes, boolean keepdim, double p) implements KernelOp {
    public Norm {
        axes = axes.stream().sorted().distinct().toList();
        if (!(p > 0 && p < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a norm op needs a finite p > 0, got " + p);
        }
    }

    public String name() {
        return "norm";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloat()) {
            throw new ShapeException("'norm' needs a floating-point tensor, got " + x);
        }
        for (int a : axes) {
            if (a < 0 || a >= x.rank()) {
                throw new ShapeException("dim " + a + " is out of range for " + x);
            }
        }
        return x.withShape(keepdim ? Reduce.kept(x.shape(), axes) : dropped(x.shape()));
    }

    private Shape dropped(Shape s) {
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (!axes.contains(i)) {
                dims.add(s.dim(i));
            }
        }
        return new Shape(dims);
    }

    /** |x|^p, the term summed. */
    private Scalar term() {
        Scalar x = Scalar.arg(0);
        Scalar abs = Scalar.unary(UnaryFn.ABS, x);
        return p == 1 ? abs : p == 2 ? Scalar.mul(x, x) : new Scalar.Binary(BinaryFn.POW, abs, Scalar.constant(p));
    }

    @Override
    public void emit(KernelWriter w) {
        Reduce.accumulate(w, w.in(0).type().shape(), axes, term(), List.of(w.in(0)), w.out());
        if (p == 1) {
            return;
        }
        Ix results = w.let(w.numel(w.out().type().shape()));
        w.loop(Ix.c(0), results, i -> {
            Val sum = w.load(w.out(), i);
            w.store(w.out(), i, p == 2 ? sum.sqrt() : sum.pow(Val.c(1 / p)));
        });
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Build b = Build.of(g.graph());
        Shape kept = Reduce.kept(g.inputType(0).shape(), axes);
        List<Integer> operands = List.of(b.reshape(g.outputGrad(), kept), g.input(0), b.reshape(g.output(), kept));
        return g.only(b.elementwise("norm_grad", gradientBody(), operands));
    }

    /** The gradient over (dy, x, y), dy and y with the reduced dims kept. */
    private Scalar gradientBody() {
        Scalar dy = Scalar.arg(0);
        Scalar x = Scalar.arg(1);
        Scalar y = Scalar.arg(2);
        Scalar zero = Scalar.constant(0);
        Scalar sign = Scalar.select(CompareFn.GT, x, zero, Scalar.constant(1),
                Scalar.select(CompareFn.LT, x, zero, Scalar.constant(-1), zero));
        if (p == 1) {
            return Scalar.mul(dy, sign);
        }
        Scalar grad;
        if (p == 2) {
            grad = Scalar.mul(dy, Scalar.div(x, y));
        } else {
            Scalar pm1 = Scalar.constant(p - 1);
            Scalar scaled = Scalar.mul(sign, new Scalar.Binary(BinaryFn.POW, Scalar.unary(UnaryFn.ABS, x), pm1));
            grad = Scalar.select(CompareFn.EQ, x, zero, zero,
                    Scalar.mul(scaled, Scalar.div(dy, new Scalar.Binary(BinaryFn.POW, y, pm1))));
        }
        return Scalar.select(CompareFn.EQ, y, zero, zero, grad);
    }

    @Override
    public String attributes() {
        return "axes=" + axes + ", p=" + Scalar.formatConst(p) + (keepdim ? ", keepdim" : "");
    }
}
