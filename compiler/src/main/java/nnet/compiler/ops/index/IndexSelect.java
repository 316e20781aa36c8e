package nnet.compiler.ops.index;

import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.runtime.DType;

/**
 * {@code torch.index_select(input, dim, index)}: the slices of {@code input} along an axis picked by a
 * vector (or scalar) of i32 indices, in their order, repeats allowed. An index outside the dim stops the
 * run with an error naming the op. The gradient adds each slice's gradient back where it was taken.
 */
public record IndexSelect(int axis) implements KernelOp {
    public String name() {
        return "index_select";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        TensorType index = inputs.get(1);
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("'index_select': dim " + axis + " is out of range for " + x);
        }
        checkIndices(name(), index);
        if (index.rank() > 1) {
            throw new ShapeException("'index_select' needs a vector of indices, got " + index);
        }
        return x.withShape(x.shape().with(axis, index.shape().numel()));
    }

    static void checkIndices(String op, TensorType index) {
        if (index.dtype() != DType.I32) {
            throw new ShapeException("'" + op + "' needs indices of type i32, got " + index);
        }
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        int dx = g.graph().add(new IndexAdd(name(), axis, g.inputType(0).shape(), -1), g.input(1), g.outputGrad());
        return Arrays.asList(dx, null);
    }

    @Override
    public void emit(KernelWriter w) {
        Selection.Around a = Selection.Around.of(w, w.in(0).type().shape(), axis);
        Selection.copy(w, name(), w.in(0), w.in(1), w.out(), a);
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }
}
