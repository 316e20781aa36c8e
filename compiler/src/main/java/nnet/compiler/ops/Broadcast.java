package nnet.compiler.ops;

import java.util.List;
import java.util.stream.Collectors;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.runtime.DType;

/** The shape and dtype rule shared by elementwise ops. */
public final class Broadcast {
    private Broadcast() {
    }

    /** All operands of one floating dtype; shapes broadcast together (NumPy rules). */
    public static TensorType type(String op, List<TensorType> inputs) {
        DType dtype = inputs.get(0).dtype();
        for (TensorType t : inputs) {
            if (!t.dtype().isFloat()) {
                throw new ShapeException("'" + op + "' needs floating-point operands, got " + t
                        + "; integer tensors only serve as class indices");
            }
            if (t.dtype() != dtype) {
                throw new ShapeException("'" + op + "' mixes dtypes " + describe(inputs));
            }
        }
        Shape shape = inputs.get(0).shape();
        for (TensorType t : inputs.subList(1, inputs.size())) {
            Shape b = Shape.broadcast(shape, t.shape());
            if (b == null) {
                throw new ShapeException("'" + op + "' cannot broadcast shapes " + describe(inputs));
            }
            shape = b;
        }
        return new TensorType(dtype, shape);
    }

    static String describe(List<TensorType> types) {
        return types.stream().map(TensorType::toString).collect(Collectors.joining(" and "));
    }
}
