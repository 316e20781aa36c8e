package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.ElementwiseOp;
import nnet.runtime.DType;

/**
 * Uniform random numbers in [0, 1), as {@code torch.rand}, from a counter-based stream: a function of
 * the model's seed, the optimizer step, the stream and the element's index (see
 * {@link nnet.runtime.kernels.RandomStream}). Each random op of a model has its own stream, so two
 * calls draw different numbers and common-subexpression elimination never merges them.
 */
public record RandomUniform(Shape shape, DType dtype, int stream) implements ElementwiseOp {
    public String name() {
        return "rand";
    }

    public Scalar body() {
        return new Scalar.Random(stream);
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        if (!dtype.isFloat()) {
            throw new ShapeException("random numbers are floating-point, not " + dtype);
        }
        return new TensorType(dtype, shape);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return List.of();
    }

    @Override
    public String attributes() {
        return "stream=" + stream + ", shape=" + shape;
    }
}
