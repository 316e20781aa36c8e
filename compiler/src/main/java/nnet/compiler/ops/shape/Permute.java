package nnet.compiler.ops.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.ElementwiseKernel;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;

/** Output dim d is input dim perm[d] ({@code torch.permute}); {@code transpose} is a swap of two dims. */
public record Permute(List<Integer> perm) implements KernelOp {
    public Permute {
        perm = List.copyOf(perm);
    }

    public static Permute swap(int rank, int a, int b) {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            p.add(i == a ? b : i == b ? a : i);
        }
        return new Permute(p);
    }

    public String name() {
        return "permute";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        boolean[] seen = new boolean[x.rank()];
        if (perm.size() != x.rank()) {
            throw new ShapeException("permutation " + perm + " does not match the rank of " + x);
        }
        List<Dim> dims = new ArrayList<>();
        for (int p : perm) {
            if (p < 0 || p >= x.rank() || seen[p]) {
                throw new ShapeException(perm + " is not a permutation of the dims of " + x);
            }
            seen[p] = true;
            dims.add(x.shape().dim(p));
        }
        return x.withShape(new Shape(dims));
    }

    public Permute inverse() {
        Integer[] inv = new Integer[perm.size()];
        for (int d = 0; d < perm.size(); d++) {
            inv[perm.get(d)] = d;
        }
        return new Permute(Arrays.asList(inv));
    }

    public boolean isIdentity() {
        for (int d = 0; d < perm.size(); d++) {
            if (perm.get(d) != d) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(inverse(), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        Shape in = w.in(0).type().shape();
        List<Dim> strides = new ArrayList<>();
        for (int p : perm) {
            strides.add(in.product(p + 1, in.rank()));
        }
        ElementwiseKernel.emitStrided(w, Scalar.arg(0), List.of(w.in(0)), List.of(strides), w.out());
    }

    @Override
    public String attributes() {
        return "perm=" + perm;
    }
}
