package nnet.compiler.ops.reduce;

import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;

/**
 * The minimum along one axis. NaN propagates. With {@code splitTies} false the gradient goes to the
 * first position holding the minimum (or the first NaN), as PyTorch's {@code min(x, dim)} sends it to
 * the index it returns; with it true the gradient is shared evenly among all positions holding the
 * minimum, as for {@code amin} and {@code min(x)} over all elements. It mirrors {@link Max}.
 */
public record Min(int axis, boolean keepdim, boolean splitTies) implements KernelOp {
    public String name() {
        return "min";
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
        Extremes.emit(w, axis, Extremum.MIN);
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepdim ? ", keepdim" : "") + (splitTies ? ", split_ties" : "");
    }

    /**
     * dx = dy at the first minimum of each row (or dy / ties at every minimum), 0 elsewhere; operands
     * (x, dy).
     */
    public record Backward(int axis, boolean splitTies) implements GradientKernel {
        public String name() {
            return "min_grad";
        }

        @Override
        public void emit(KernelWriter w) {
            Extremes.emitBackward(w, axis, splitTies, Extremum.MIN);
        }

        @Override
        public String attributes() {
            return "axis=" + axis + (splitTies ? ", split_ties" : "");
        }
    }
}
