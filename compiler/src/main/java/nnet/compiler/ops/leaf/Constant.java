package nnet.compiler.ops.leaf;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.LeafOp;
import nnet.runtime.DType;

/** A scalar constant; it broadcasts wherever it is used and is inlined into the loops that read it. */
public record Constant(double value, DType dtype) implements LeafOp {
    public String name() {
        return "const";
    }

    public TensorType type() {
        return TensorType.scalar(dtype);
    }

    @Override
    public String attributes() {
        return Scalar.formatConst(value);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return List.of();
    }
}
