package nnet.compiler.ops.pool;

import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.runtime.kernels.Pool;

/**
 * avg_pool1d/avg_pool2d: each output the mean of its window, padding counted in the divisor when
 * {@code countIncludePad} (PyTorch's default). Its gradient spreads each dy evenly over its window.
 */
public record AvgPool(Window window, boolean countIncludePad) implements KernelOp {
    public String name() {
        return "avg_pool" + window.spatial() + "d";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        return window.output(name(), inputs.get(0));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Backward(window, countIncludePad, g.inputType(0).shape()), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        window.pushUndilated(w.call(Pool.class, "avgPool2d"), w, w.in(0).type().shape())
                .bool(countIncludePad).array(w.in(0)).array(w.out()).invoke();
    }

    @Override
    public String attributes() {
        return window.describe() + (countIncludePad ? "" : ", count_include_pad=false");
    }

    /** dx for operand dy. */
    public record Backward(Window window, boolean countIncludePad, Shape input) implements GradientKernel {
        public String name() {
            return "avg_pool" + window.spatial() + "d_grad";
        }

        @Override
        public TensorType infer(List<TensorType> inputs) {
            return inputs.get(0).withShape(input);
        }

        @Override
        public void emit(KernelWriter w) {
            window.pushUndilated(w.call(Pool.class, "avgPool2dBackward"), w, input)
                    .bool(countIncludePad).array(w.in(0)).array(w.out()).bool(false).invoke();
        }

        @Override
        public String attributes() {
            return window.describe();
        }
    }
}
