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

    /**
     * All operands of one dtype, integer only when the op computes on integers; shapes broadcast
     * together (NumPy rules). The front end has already converted integer operands met with floating
     * ones, as PyTorch's type promotion does.
     */
    public static TensorType type(String op, List<TensorType> inputs, boolean integers) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("'" + op + "' has no operands to take a type from");
        }
        DType dtype = inputs.get(0).dtype();
        for (TensorType t : inputs) {
            if (!t.dtype().isFloat() && !integers) {
                throw new ShapeException("'" + op + "' needs floating-point operands, got " + t
                        + "; convert integers with float(...)");
            }
            if (t.dtype() != dtype) {
                throw new ShapeException("'" + op + "' mixes dtypes " + describe(inputs)
                        + "; convert one with to(x, " + dtype.spelling() + ")");
            }
        }
        return new TensorType(dtype, shape(op, inputs));
    }

    /** The broadcast shape of all operands. */
    public static Shape shape(String op, List<TensorType> inputs) {
        Shape shape = inputs.get(0).shape();
        for (TensorType t : inputs.subList(1, inputs.size())) {
            Shape b = Shape.broadcast(shape, t.shape());
            if (b == null) {
                throw new ShapeException("'" + op + "' cannot broadcast shapes " + describe(inputs));
            }
            shape = b;
        }
        return shape;
    }

    static String describe(List<TensorType> types) {
        return types.stream().map(TensorType::toString).collect(Collectors.joining(" and "));
    }
}
