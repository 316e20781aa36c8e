package nnet.compiler.ops.leaf;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.LeafOp;
import nnet.runtime.model.Init;

/** A learned parameter; frozen ones get no gradient and are not updated. */
public record Param(String paramName, TensorType type, Init init, boolean trainable) implements LeafOp {
    public String name() {
        return "param";
    }

    @Override
    public String attributes() {
        return paramName + (trainable ? "" : ", frozen");
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return List.of();
    }
}
