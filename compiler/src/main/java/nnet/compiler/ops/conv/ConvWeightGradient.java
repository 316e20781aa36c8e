package nnet.compiler.ops.conv;

import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.RuntimeCall;
import nnet.compiler.ir.MultiResultOp;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.runtime.kernels.Conv;
import nnet.runtime.kernels.ConvTranspose;

/**
 * The gradients of a convolution with respect to its weight and, with {@code bias}, its bias, for
 * operands (input, dy): one result (dw) or two (dw, db), computed in one pass over dy where the
 * runtime kernel can.
 */
public record ConvWeightGradient(ConvGeometry geometry, Shape weight, boolean bias) implements KernelOp, MultiResultOp {
    public String name() {
        return geometry.kind() + "_weight_grad";
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        TensorType dy = inputs.get(1);
        TensorType dw = dy.withShape(weight);
        return bias ? List.of(dw, dy.withShape(Shape.of(dy.shape().dim(1).value()))) : List.of(dw);
    }

    @Override
    public boolean differentiable() {
        return false;
    }

    @Override
    public long scratchElements(List<TensorType> inputs, List<TensorType> results) {
        return geometry.scratch("weight", inputs.get(0).shape(), weight);
    }

    @Override
    public void emit(KernelWriter w) {
        Shape x = w.in(0).type().shape();
        if (geometry.transposed()) {
            RuntimeCall call = w.call(ConvTranspose.class, "convTranspose2dBackwardWeight");
            geometry.push(call, w, x, weight).array(w.in(0)).array(w.in(1)).array(w.out(0)).bool(false);
            Convolution.scratch(call, w);
            call.invoke();
            if (bias) {
                Shape y = w.in(1).type().shape();
                w.call(Conv.class, "biasGradient").ints(w.size(y.dim(0))).ints((int) y.dim(1).value())
                        .ints(ConvGeometry.positions(w, y)).array(w.in(1)).array(w.out(1)).bool(false).invoke();
            }
            return;
        }
        RuntimeCall call = w.call(Conv.class, "conv2dBackwardWeight");
        geometry.push(call, w, x, weight).array(w.in(0)).array(w.in(1)).array(w.out(0));
        if (bias) {
            call.array(w.out(1));
        } else {
            call.noArray(w.dtype());
        }
        call.bool(false);
        Convolution.scratch(call, w);
        call.invoke();
    }

    @Override
    public String attributes() {
        return geometry.describe() + (bias ? ", bias" : "");
    }
}
