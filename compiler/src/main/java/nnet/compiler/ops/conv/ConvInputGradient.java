package nnet.compiler.ops.conv;

import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.RuntimeCall;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.runtime.kernels.Conv;
import nnet.runtime.kernels.ConvTranspose;

/**
 * The gradient of a convolution with respect to its input, for operands (dy, weight); {@code input} is
 * the forward input's shape, which strides do not let one recover from dy's.
 */
public record ConvInputGradient(ConvGeometry geometry, Shape input) implements GradientKernel {
    public String name() {
        return geometry.kind() + "_input_grad";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        return inputs.get(0).withShape(input);
    }

    @Override
    public long scratchElements(List<TensorType> inputs, List<TensorType> results) {
        return geometry.scratch("data", input, inputs.get(1).shape());
    }

    @Override
    public void emit(KernelWriter w) {
        RuntimeCall call = geometry.transposed() ? w.call(ConvTranspose.class, "convTranspose2dBackwardData")
                : w.call(Conv.class, "conv2dBackwardData");
        geometry.push(call, w, w.out().type().shape(), w.in(1).type().shape())
                .array(w.in(0)).array(w.in(1)).array(w.out()).bool(false);
        Convolution.scratch(call, w);
        call.invoke();
    }

    @Override
    public String attributes() {
        return geometry.describe();
    }
}
