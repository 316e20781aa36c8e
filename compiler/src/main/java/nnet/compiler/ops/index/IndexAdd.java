package nnet.compiler.ops.index;

import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;

/**
 * The gradient of a selection by indices ({@code index_select}, {@code embedding}): a zero tensor of the
 * indexed tensor's shape into which the gradient of each selected slice is added at its index, so that
 * repeated indices sum. Slices whose index is {@code skip} (embedding's padding_idx; −1: none) add
 * nothing. Operands (indices, gradient of the selection); {@code label} is the forward op's name.
 */
public record IndexAdd(String label, int axis, Shape shape, int skip) implements KernelOp {
    public String name() {
        return label + "_grad";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        return inputs.get(1).withShape(shape);
    }

    @Override
    public boolean differentiable() {
        return false;
    }

    @Override
    public void emit(KernelWriter w) {
        Selection.Around a = Selection.Around.of(w, shape, axis);
        Selection.addBack(w, label, w.in(1), w.in(0), w.out(), a, skip);
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", shape=" + shape + (skip < 0 ? "" : ", skip=" + skip);
    }
}
