package nnet.compiler.ops.pool;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.runtime.kernels.Pool;

/**
 * adaptive_avg_pool1d/2d to a given output size, windows as PyTorch's: output i of n over an input of
 * m covers [floor(i·m/n), ceil((i+1)·m/n)); output size 1 is the global average.
 */
public record AdaptiveAvgPool(int spatial, int outH, int outW) implements KernelOp {
    public String name() {
        return "adaptive_avg_pool" + spatial + "d";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloat() || x.rank() != spatial + 2 || !x.shape().sub(1, x.rank()).isStatic()) {
            throw new ShapeException("'" + name() + "' needs a floating-point input of rank " + (spatial + 2)
                    + " with static channel and spatial sizes, got " + x);
        }
        List<Dim> out = new ArrayList<>(List.of(x.shape().dim(0), x.shape().dim(1)));
        if (spatial == 2) {
            out.add(Dim.of(outH));
        }
        out.add(Dim.of(outW));
        return x.withShape(new Shape(out));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Backward(spatial, outH, outW, g.inputType(0).shape()), g.outputGrad()));
    }

    private static void push(nnet.compiler.codegen.RuntimeCall call, KernelWriter w, Shape x, int spatial, int oh,
                             int ow) {
        int inH = spatial == 2 ? (int) x.dim(2).value() : 1;
        call.ints(w.size(x.dim(0))).ints((int) x.dim(1).value(), inH, (int) x.fromEnd(1).value(), oh, ow);
    }

    @Override
    public void emit(KernelWriter w) {
        var call = w.call(Pool.class, "adaptiveAvgPool2d");
        push(call, w, w.in(0).type().shape(), spatial, outH, outW);
        call.array(w.in(0)).array(w.out()).invoke();
    }

    @Override
    public String attributes() {
        return "output=" + (spatial == 2 ? outH + "x" + outW : String.valueOf(outW));
    }

    /** dx for operand dy. */
    public record Backward(int spatial, int outH, int outW, Shape input) implements GradientKernel {
        public String name() {
            return "adaptive_avg_pool" + spatial + "d_grad";
        }

        @Override
        public TensorType infer(List<TensorType> inputs) {
            return inputs.get(0).withShape(input);
        }

        @Override
        public void emit(KernelWriter w) {
            var call = w.call(Pool.class, "adaptiveAvgPool2dBackward");
            push(call, w, input, spatial, outH, outW);
            call.array(w.in(0)).array(w.out()).bool(false).invoke();
        }

        @Override
        public String attributes() {
            return "output=" + (spatial == 2 ? outH + "x" + outW : String.valueOf(outW));
        }
    }
}
