package nnet.compiler.ops.conv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.RuntimeCall;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.reduce.Sum;
import nnet.runtime.kernels.Conv;
import nnet.runtime.kernels.ConvTranspose;

/**
 * conv1d, conv2d and conv_transpose2d as PyTorch's torch.nn.functional computes them: operands
 * (input, weight[, bias]), the bias added by the kernel. The runtime kernels lower them to im2col and
 * the tuned GEMM (see {@link Conv}), with planned scratch memory for the column matrices.
 *
 * <p>Gradient: the input's by {@link ConvInputGradient}, the weight's and bias's together by
 * {@link ConvWeightGradient} (the bias's alone, for a frozen weight, as a sum of dy).
 */
public record Convolution(ConvGeometry geometry, boolean bias) implements KernelOp {
    public String name() {
        return geometry.kind();
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType y = geometry.output(inputs.get(0), inputs.get(1));
        if (bias) {
            TensorType b = inputs.get(2);
            if (b.dtype() != y.dtype() || b.rank() != 1 || !b.shape().dim(0).equals(y.shape().dim(1))) {
                throw new ShapeException("'" + name() + "' needs a bias [" + y.shape().dim(1) + "] of dtype "
                        + y.dtype().spelling() + ", got " + b);
            }
        }
        return y;
    }

    @Override
    public long scratchElements(List<TensorType> inputs, List<TensorType> results) {
        return geometry.scratch("forward", inputs.get(0).shape(), inputs.get(1).shape());
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Integer dx = null;
        Integer dw = null;
        Integer db = null;
        if (g.needs(0)) {
            Shape x = g.inputType(0).shape();
            dx = g.graph().add(new ConvInputGradient(geometry, x), g.outputGrad(), g.input(1));
        }
        boolean biasGrad = bias && g.needs(2);
        if (g.needs(1)) {
            int grads = g.graph().add(new ConvWeightGradient(geometry, g.inputType(1).shape(), biasGrad),
                    g.input(0), g.outputGrad());
            dw = biasGrad ? g.graph().project(grads, 0) : grads;
            db = biasGrad ? g.graph().project(grads, 1) : null;
        } else if (biasGrad) {
            db = g.graph().add(new Sum(ConvGeometry.biasAxes(g.inputType(0).rank()), false), g.outputGrad());
        }
        List<Integer> grads = new ArrayList<>(Arrays.asList(dx, dw));
        if (bias) {
            grads.add(db);
        }
        return grads;
    }

    @Override
    public void emit(KernelWriter w) {
        Shape x = w.in(0).type().shape();
        Shape weight = w.in(1).type().shape();
        RuntimeCall call = geometry.transposed() ? w.call(ConvTranspose.class, "convTranspose2d")
                : w.call(Conv.class, "conv2d");
        geometry.push(call, w, x, weight).array(w.in(0)).array(w.in(1));
        if (bias) {
            call.array(w.in(2));
        } else {
            call.noArray(w.dtype());
        }
        call.array(w.out()).bool(false);
        scratch(call, w);
        call.invoke();
    }

    /** The kernel's scratch, or (null, 0) when it needs none. */
    static void scratch(RuntimeCall call, KernelWriter w) {
        if (w.scratch() != null) {
            call.array(w.scratch());
        } else {
            call.noArray(w.dtype());
        }
    }

    @Override
    public String attributes() {
        return geometry.describe() + (bias ? ", bias" : "");
    }
}
