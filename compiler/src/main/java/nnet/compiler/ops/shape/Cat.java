package nnet.compiler.ops.shape;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;

/**
 * {@code torch.cat(tensors, dim)}: the operands one after the other along an axis, each copied in one
 * walk. Along that axis sizes add up; they may be run-time dims when all are multiples of the same ones
 * ({@code batch} and {@code batch} give {@code batch*2}). The gradient of each operand is its slice of
 * the output's gradient.
 */
public record Cat(int axis) implements KernelOp {
    public String name() {
        return "cat";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType first = inputs.get(0);
        if (axis < 0 || axis >= first.rank()) {
            throw new ShapeException("'cat': dim " + axis + " is out of range for " + first);
        }
        Dim total = Dim.of(0);
        for (int k = 0; k < inputs.size(); k++) {
            TensorType t = inputs.get(k);
            if (t.dtype() != first.dtype() || t.rank() != first.rank()
                    || !t.shape().with(axis, Dim.of(0)).equals(first.shape().with(axis, Dim.of(0)))) {
                throw new ShapeException("'cat': tensor " + k + " " + t + " does not match tensor 0 " + first
                        + "; all dims but dim " + axis + " must be equal");
            }
            total = sum(total, t.shape().dim(axis));
            if (total == null) {
                throw new ShapeException("'cat': the sizes along dim " + axis + " of " + inputs
                        + " do not add up to one size (they mix run-time dims)");
            }
        }
        return first.withShape(first.shape().with(axis, total));
    }

    /** a + b when both are multiples of the same run-time dims (or one is 0); else null. */
    static Dim sum(Dim a, Dim b) {
        if (a.factor() == 0 || b.factor() == 0) {
            return a.factor() == 0 ? b : a;
        }
        return a.symbols().equals(b.symbols()) ? new Dim(a.factor() + b.factor(), a.symbols()) : null;
    }

    /** The maps of operand k's place in the output: all of each dim, and its run along the axis. */
    private List<AxisMap> place(List<TensorType> inputs, int k) {
        Dim offset = Dim.of(0);
        for (int i = 0; i < k; i++) {
            offset = sum(offset, inputs.get(i).shape().dim(axis));
        }
        Shape s = inputs.get(k).shape();
        List<AxisMap> maps = new ArrayList<>();
        for (int d = 0; d < s.rank(); d++) {
            maps.add(d == axis ? new AxisMap.Affine(offset, 0, 1, s.dim(d)) : AxisMap.all(s.dim(d)));
        }
        return maps;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        List<TensorType> inputs = new ArrayList<>();
        for (int i = 0; i < g.node().arity(); i++) {
            inputs.add(g.inputType(i));
        }
        List<Integer> grads = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            grads.add(g.needs(k) ? g.graph().add(new Remap("slice", place(inputs, k)), g.outputGrad()) : null);
        }
        return grads;
    }

    @Override
    public void emit(KernelWriter w) {
        List<TensorType> inputs = new ArrayList<>();
        for (int i = 0; i < w.arity(); i++) {
            inputs.add(w.in(i).type());
        }
        Shape out = w.out().type().shape();
        for (int k = 0; k < inputs.size(); k++) {
            int operand = k;
            AxisWalk.emit(w, name(), inputs.get(k).shape(), place(inputs, k), out,
                    (in, at) -> w.store(w.out(), at, w.load(w.in(operand), in)));
        }
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }
}
