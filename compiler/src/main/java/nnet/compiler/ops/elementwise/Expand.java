package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.ElementwiseOp;

/** {@code x} broadcast to a larger shape, as {@code torch.broadcast_to}. */
public record Expand(Shape shape) implements ElementwiseOp {
    public String name() {
        return "expand";
    }

    public Scalar body() {
        return Scalar.arg(0);
    }

    @Override
    public boolean integers() {
        return true;
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.shape().broadcastsTo(shape)) {
            throw new ShapeException("cannot broadcast " + x + " to " + shape);
        }
        return x.withShape(shape);
    }

    @Override
    public String attributes() {
        return "shape=" + shape;
    }
}
