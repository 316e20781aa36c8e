package nnet.compiler.ops.shape;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ViewOp;

/** The same elements in row-major order with another shape; costs nothing at run time. */
public record Reshape(Shape shape) implements ViewOp {
    public String name() {
        return "reshape";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.shape().numel().equals(shape.numel())) {
            throw new ShapeException("cannot reshape " + x + " (" + x.shape().numel() + " elements) to "
                    + shape + " (" + shape.numel() + " elements)");
        }
        return x.withShape(shape);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(Build.of(g.graph()).reshape(g.outputGrad(), g.inputType(0).shape()));
    }

    @Override
    public String attributes() {
        return "shape=" + shape;
    }
}
