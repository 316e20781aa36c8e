package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.ElementwiseOp;
import nnet.runtime.DType;

/**
 * Conversion to another dtype, as {@code x.to(dtype)}: floats to integers truncate toward zero; f64
 * to f32 rounds to nearest. The gradient of a float-to-float conversion is converted back.
 */
public record Cast(DType dtype) implements ElementwiseOp {
    public String name() {
        return "to";
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
        return new TensorType(dtype, inputs.get(0).shape());
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        DType from = g.inputType(0).dtype();
        return g.only(from.isFloat() ? g.graph().add(new Cast(from), g.outputGrad()) : null);
    }

    @Override
    public String attributes() {
        return dtype.spelling();
    }
}
