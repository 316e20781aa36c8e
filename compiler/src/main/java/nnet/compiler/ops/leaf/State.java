package nnet.compiler.ops.leaf;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.LeafOp;
import nnet.runtime.model.Init;

/**
 * A state buffer's value when the program starts (batch norm's running statistics...). Programs write
 * its next value through a STATE root; it is never trained, so no gradient flows into it.
 */
public record State(String stateName, TensorType type, Init init) implements LeafOp {
    public String name() {
        return "state";
    }

    @Override
    public String attributes() {
        return stateName;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return List.of();
    }
}
