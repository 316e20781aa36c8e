package nnet.compiler.ops.loop;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.LeafOp;

/**
 * A leaf of a loop body: the current value of carry {@code index}, the current step's slice of sequence
 * {@code index}, or loop-invariant operand {@code index} (a weight the steps share). The loop binds it to
 * its operand; a body sees nothing else of the graph around it.
 */
public record LoopInput(Kind kind, int index, TensorType type) implements LeafOp {

    public enum Kind {
        CARRY("carry"), SLICE("slice"), INVARIANT("invariant");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    public String name() {
        return kind.spelling();
    }

    @Override
    public String attributes() {
        return Integer.toString(index);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return List.of();
    }
}
