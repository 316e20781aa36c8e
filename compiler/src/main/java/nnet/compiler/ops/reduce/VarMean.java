package nnet.compiler.ops.reduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.MultiResultOp;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.KernelOp;

/**
 * {@code torch.var_mean(x, dim, correction, keepdim)}: the variance Σ(x − mean)² / (N − correction) and
 * the mean over a set of axes, as two results (variance first, as PyTorch returns them). Two passes, so
 * the variance does not suffer the cancellation of E[x²] − E[x]². The normalisations (batch, layer,
 * group norm) are written on it in the standard library.
 *
 * <p>Gradient: dx = dmean / N + dvar · 2(x − mean) / (N − correction).
 */
public record VarMean(List<Integer> axes, int correction, boolean keepdim) implements KernelOp, MultiResultOp {
    public VarMean {
        axes = axes.stream().sorted().distinct().toList();
    }

    public String name() {
        return "var_mean";
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloat()) {
            throw new ShapeException("'var_mean' needs a floating-point tensor, got " + x);
        }
        for (int a : axes) {
            if (a < 0 || a >= x.rank()) {
                throw new ShapeException("dim " + a + " is out of range for " + x);
            }
        }
        TensorType r = x.withShape(keepdim ? Reduce.kept(x.shape(), axes) : dropped(x.shape()));
        return List.of(r, r);
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

    /** The number of elements each result element is taken over. */
    Dim count(Shape s) {
        Dim n = Dim.of(1);
        for (int a : axes) {
            n = n.times(s.dim(a));
        }
        return n;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Build b = Build.of(g.graph());
        Shape x = g.inputType(0).shape();
        Shape kept = Reduce.kept(x, axes);
        List<Integer> operands = new ArrayList<>();
        Scalar dx = Scalar.constant(0);
        operands.add(g.input(0));
        Integer dvar = g.outputGrad(0);
        Integer dmean = g.outputGrad(1);
        Scalar n = new Scalar.Size(count(x));
        if (dmean != null) {
            operands.add(b.reshape(dmean, kept));
            dx = Scalar.div(Scalar.arg(1), n);
        }
        if (dvar != null) {
            operands.add(b.reshape(dvar, kept));
            operands.add(b.reshape(g.result(1), kept));
            int k = operands.size();
            Scalar deviation = Scalar.sub(Scalar.arg(0), Scalar.arg(k - 1));
            Scalar term = Scalar.div(Scalar.mul(Scalar.mul(Scalar.constant(2), Scalar.arg(k - 2)), deviation),
                    Scalar.sub(n, Scalar.constant(correction)));
            dx = dmean == null ? term : Scalar.add(dx, term);
        }
        return Arrays.asList(b.elementwise("var_mean_grad", dx, operands));
    }

    @Override
    public void emit(KernelWriter w) {
        Shape x = w.in(0).type().shape();
        Ix n = w.let(w.size(count(x)));
        Buf var = w.out(0);
        Buf mean = w.out(1);
        Reduce.accumulate(w, x, axes, Scalar.arg(0), List.of(w.in(0)), mean);
        Ix results = w.let(w.numel(mean.type().shape()));
        w.loop(Ix.c(0), results, i -> w.store(mean, i, w.load(mean, i).div(new Val.OfInt(n))));
        Scalar deviation = Scalar.sub(Scalar.arg(0), Scalar.arg(1));
        Buf keptMean = mean.withType(mean.type().withShape(Reduce.kept(x, axes)));
        Reduce.accumulate(w, x, axes, Scalar.mul(deviation, deviation), List.of(w.in(0), keptMean), var);
        Ix divisor = w.let(n.minus(Ix.c(correction)));
        w.loop(Ix.c(0), results, i -> w.store(var, i, w.load(var, i).div(new Val.OfInt(divisor))));
    }

    @Override
    public String attributes() {
        return "axes=" + axes + ", correction=" + correction + (keepdim ? ", keepdim" : "");
    }
}
