package nnet.compiler.ops.pool;

import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.MultiResultOp;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.runtime.DType;
import nnet.runtime.kernels.Pool;

/**
 * max_pool1d/max_pool2d with two results, the maxima and each one's position in its input plane (as
 * PyTorch's return_indices gives them); the gradient scatters dy to those positions, so the backward
 * pass reads the indices instead of searching the windows again.
 */
public record MaxPool(Window window) implements KernelOp, MultiResultOp {
    public String name() {
        return "max_pool" + window.spatial() + "d";
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        TensorType y = window.output(name(), inputs.get(0));
        return List.of(y, new TensorType(DType.I32, y.shape()));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Integer dy = g.outputGrad(0);
        return g.only(dy == null ? null : g.graph().add(new Backward(window, g.inputType(0).shape()), dy, g.result(1)));
    }

    @Override
    public void emit(KernelWriter w) {
        window.push(w.call(Pool.class, "maxPool2d"), w, w.in(0).type().shape())
                .array(w.in(0)).array(w.out(0)).array(w.out(1)).invoke();
    }

    @Override
    public String attributes() {
        return window.describe();
    }

    /** dx: each dy added at its maximum's position; operands (dy, indices). */
    public record Backward(Window window, Shape input) implements GradientKernel {
        public String name() {
            return "max_pool" + window.spatial() + "d_grad";
        }

        @Override
        public TensorType infer(List<TensorType> inputs) {
            return inputs.get(0).withShape(input);
        }

        @Override
        public void emit(KernelWriter w) {
            window.push(w.call(Pool.class, "maxPool2dBackward"), w, input)
                    .array(w.in(0)).array(w.in(1)).array(w.out()).bool(false).invoke();
        }

        @Override
        public String attributes() {
            return window.describe();
        }
    }
}
