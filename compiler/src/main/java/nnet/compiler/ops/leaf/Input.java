package nnet.compiler.ops.leaf;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.LeafOp;

/** A model input, filled by the caller before each run. */
public record Input(String inputName, TensorType type) implements LeafOp {
    public String name() {
        return "input";
    }

    @Override
    public String attributes() {
        return inputName;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return List.of();
    }
}
