package nnet.compiler.ops.reduce;

import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;

/**
 * The maximum along one axis. NaN propagates. With {@code splitTies} false the gradient goes to the
 * first position holding the maximum (or the first NaN), as PyTorch's {@code max(x, dim)} sends it to
 * the index it returns; with it true the gradient is shared evenly among all positions holding the
 * maximum, as for {@code amax} and {@code max(x)} over all elements. {@link Min} is its mirror image.
 */
public record Max(int axis, boolean keepdim, boolean splitTies) implements KernelOp {
    public String name() {
        return "max";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        return Extremes.infer(name(), inputs.get(0), axis, keepdim);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Backward(axis, splitTies), g.input(0), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        Extremes.emit(w, axis, Extremum.MAX);
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepdim ? ", keepdim" : "") + (splitTies ? ", split_ties" : "");
    }

    /**
     * dx = dy at the first maximum of each row (or dy / ties at every maximum), 0 elsewhere; operands
     * (x, dy).
     */
    public record Backward(int axis, boolean splitTies) implements GradientKernel {
        public String name() {
            return "max_grad";
        }

        @Override
        public void emit(KernelWriter w) {
            Extremes.emitBackward(w, axis, splitTies, Extremum.MAX);
        }

        @Override
        public String attributes() {
            return "axis=" + axis + (splitTies ? ", split_ties" : "");
        }
    }
}
