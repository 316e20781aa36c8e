package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.ElementwiseOp;
import nnet.runtime.DType;

/**
 * A tensor holding each element's coordinate along one axis: {@code arange}, positions, and the row
 * and column indices that causal masks and {@code tril} compare. It reads no memory; fused into a
 * consumer it costs a loop counter.
 */
public record Iota(Shape shape, int axis, DType dtype) implements ElementwiseOp {
    public String name() {
        return "iota";
    }

    public Scalar body() {
        return new Scalar.Index(axis);
    }

    @Override
    public boolean integers() {
        return true;
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        return new TensorType(dtype, shape);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return List.of();
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", shape=" + shape;
    }
}
